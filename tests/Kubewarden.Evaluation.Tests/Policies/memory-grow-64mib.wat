;; Grows memory to 64 MiB (1024 pages) in one step: accepts with "grew", or rejects with "grow failed".
(module
  (import "wapc" "__guest_response" (func $guest_response (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "{\"accepted\":true,\"message\":\"grew\"}")
  (data (i32.const 64) "{\"accepted\":false,\"message\":\"grow failed\"}")
  (func (export "__guest_call") (param i32 i32) (result i32)
    (if (i32.eq (memory.grow (i32.const 1023)) (i32.const -1))
      (then (call $guest_response (i32.const 64) (i32.const 42)))
      (else (call $guest_response (i32.const 0) (i32.const 34))))
    (i32.const 1)))
