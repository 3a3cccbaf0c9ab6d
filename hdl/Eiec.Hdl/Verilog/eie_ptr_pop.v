// The pointer read unit's pop (docs/microarchitecture.md, SCAN: processing element, step 2), a module
// of its own that synthesis keeps (keep_hierarchy): pop = q_nonempty && (spm_free || !col_v || col_same)
// is one 4-input LUT after the compare of the pointer banks' outputs (col_same). Flattened, Yosys's ABC
// shares col_ok = col_v && !col_same with the sparse-matrix read unit and maps pop as three LUT levels
// after the compare, the HX8K build's critical path (issue 10, docs/rtl.md "FPGA flow"). Other tools
// lose nothing: the attribute only keeps a boundary around one gate.
(* keep_hierarchy *)
module eie_ptr_pop (
    input  wire q_nonempty,
    input  wire spm_free,
    input  wire col_v,
    input  wire col_same,
    output wire pop
);
    assign pop = q_nonempty && (spm_free || !col_v || col_same);
endmodule
