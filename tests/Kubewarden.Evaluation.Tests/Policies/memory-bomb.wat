;; Grows memory one page at a time until memory.grow fails, then rejects with "grow failed".
(module
  (import "wapc" "__guest_response" (func $guest_response (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "{\"accepted\":false,\"message\":\"grow failed\"}")
  (func (export "__guest_call") (param i32 i32) (result i32)
    (block $failed
      (loop $grow
        (br_if $failed (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
        (br $grow)))
    (call $guest_response (i32.const 0) (i32.const 42))
    (i32.const 1)))
