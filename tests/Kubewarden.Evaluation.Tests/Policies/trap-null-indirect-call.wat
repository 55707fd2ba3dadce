;; Calls through an empty table slot.
(module
  (type $answer (func (result i32)))
  (memory (export "memory") 1)
  (table 1 funcref)
  (func (export "__guest_call") (param i32 i32) (result i32)
    (call_indirect (type $answer) (i32.const 0))))
