;; Accepts with a mutated object: the request's Pod `nginx` plus the label owner=kubewarden.
(module
  (import "wapc" "__guest_response" (func $guest_response (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "{\"accepted\":true,\"mutated_object\":{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"labels\":{\"owner\":\"kubewarden\"},\"name\":\"nginx\"}}}")
  (func (export "__guest_call") (param i32 i32) (result i32)
    (call $guest_response (i32.const 0) (i32.const 127))
    (i32.const 1)))
