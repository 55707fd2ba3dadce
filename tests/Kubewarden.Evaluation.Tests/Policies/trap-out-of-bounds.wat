;; Loads far past the end of its one-page memory.
(module
  (memory (export "memory") 1)
  (func (export "__guest_call") (param i32 i32) (result i32)
    (i32.load (i32.const 0x7ffffff0))))
