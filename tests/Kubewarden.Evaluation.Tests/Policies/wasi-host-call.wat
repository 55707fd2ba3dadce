;; A WASI command module: reads the request from stdin to EOF, calls
;; host.call("kubewarden", "net", "v1/dns_lookup_host", "\"example.com\""), then reads the answer the host
;; appended to stdin. Success (0): the answer is written to stdout as the ValidationResponse.
;; Failure (1): the error text is written to stderr and the module exits with status 1.
(module
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (import "host" "call" (func $host_call (param i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 4)
  (data (i32.const 0) "kubewarden")
  (data (i32.const 16) "net")
  (data (i32.const 32) "v1/dns_lookup_host")
  (data (i32.const 64) "\"example.com\"")
  (func $read_all (param $at i32) (result i32)
    (local $total i32)
    (loop $more
      (i32.store (i32.const 1040) (i32.add (local.get $at) (local.get $total)))
      (i32.store (i32.const 1044) (i32.const 4096))
      (drop (call $fd_read (i32.const 0) (i32.const 1040) (i32.const 1) (i32.const 1048)))
      (local.set $total (i32.add (local.get $total) (i32.load (i32.const 1048))))
      (br_if $more (i32.load (i32.const 1048))))
    (local.get $total))
  (func $write (param $fd i32) (param $at i32) (param $length i32)
    (i32.store (i32.const 1056) (local.get $at))
    (i32.store (i32.const 1060) (local.get $length))
    (drop (call $fd_write (local.get $fd) (i32.const 1056) (i32.const 1) (i32.const 1064))))
  (func (export "_start")
    (local $failed i32)
    (local $length i32)
    (drop (call $read_all (i32.const 65536)))
    (local.set $failed
      (call $host_call (i32.const 0) (i32.const 10) (i32.const 16) (i32.const 3) (i32.const 32) (i32.const 18) (i32.const 64) (i32.const 13)))
    (local.set $length (call $read_all (i32.const 131072)))
    (if (local.get $failed)
      (then
        (call $write (i32.const 2) (i32.const 131072) (local.get $length))
        (call $proc_exit (i32.const 1))))
    (call $write (i32.const 1) (i32.const 131072) (local.get $length))))
