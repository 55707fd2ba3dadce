;; Reports the guest error "boom".
(module
  (import "wapc" "__guest_error" (func $guest_error (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "boom")
  (func (export "__guest_call") (param i32 i32) (result i32)
    (call $guest_error (i32.const 0) (i32.const 4))
    (i32.const 0)))
