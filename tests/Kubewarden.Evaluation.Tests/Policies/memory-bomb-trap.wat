;; Grows memory one page at a time until memory.grow fails, then traps.
(module
  (memory (export "memory") 1)
  (func (export "__guest_call") (param i32 i32) (result i32)
    (block $failed
      (loop $grow
        (br_if $failed (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
        (br $grow)))
    unreachable))
