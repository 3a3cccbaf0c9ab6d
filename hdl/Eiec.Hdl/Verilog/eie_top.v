`include "eie_config.vh"
// Top level of the EIE PE array: the top controller, the layer-table ROM, the central control
// unit and `EIE_PES processing elements (docs/microarchitecture.md, Top-level sequence).
//   INIT (after reset): clears accumulator address c in cycle c, c = 0 .. depth-1; then IDLE.
//   LOAD (a process of its own, beside the controller below): accepts inputs(layer 0) activations
//         over in_valid/in_ready/in_data into the input slot in[s] (s = 0, 1, 0, ... per vector);
//         element i goes to PE i mod N, in[s][i / N]. It takes one only if the slot is free and
//         write-back does not write the activation RAM in that cycle (WB has the one write port).
//         The slot is full after its last element; the next vector goes to the other slot.
//   IDLE: busy = 0. start (a pulse, remembered until used) moves to SCAN(0) in the first cycle
//         in which the next input slot is full; that clears `cycles` and the saturation count.
//   SCAN(l): layer 0 reads its input slot (free again after SCAN(0)), layer l >= 1 act[l mod 2];
//         the control unit broadcasts, the PEs multiply-accumulate; ends one cycle after the
//         first cycle that starts with the control unit done, the broadcast bus empty and every
//         PE idle: that condition is an N-input reduction, registered here (scan_done_q) so the
//         state register that fans out to every unit is not in series with it. Then WB(l).
//   WB(l): R + EIE_WB_LATENCY cycles (R = rows_per_pe): rows are read in cycles 0 .. R-1 and
//         written EIE_WB_LATENCY cycles later by the requantizer pipeline; then SCAN(l + 1), or
//         OUT after the layer whose flags say "last".
//   OUT: streams outputs(last layer) results over out_valid/out_ready/out_data in index order
//        (element i from PE i mod N, or from PE out_map[i] when the last layer's flags say the image
//        is row-balanced: docs/balancing.md; local row i / N either way); then a one-cycle done
//        pulse and IDLE.
// cycles counts every cycle spent in SCAN or WB (LOAD and OUT are not counted). in_avail says the
// next vector's slot is full (eie_axi_top starts the array then); in_held that LOAD holds data.
// The model memories are written over the load bus (mw_*) while IDLE; writes in any other
// state are dropped (mw_ok low), so a load can never change a model that is running.
module eie_top #(
    parameter MEM_DIR = "mem/"   // prefix of every $readmemh file: the image's mem/ directory, with '/'
) (
    input  wire        clk,
    input  wire        rst_n,
    input  wire        start,
    output wire        busy,
    output wire        done,
    input  wire        in_valid,
    output wire        in_ready,
    input  wire [`EIE_ACT_BITS-1:0] in_data,
    output wire        out_valid,
    input  wire        out_ready,
    output wire [`EIE_ACT_BITS-1:0] out_data,
    output wire [31:0] cycles,
    // Counters for eie_axi_top's registers (docs/axi.md): sat_count, write-back rows clamped to the
    // 16-bit range since the run started, final a few cycles after the last layer's WB and so well
    // before done; layer_end pulses in the last WB cycle of layer layer_idx, whose SCAN + WB cycles
    // are layer_cycles then.
    output wire [31:0] sat_count,
    output wire        layer_end,
    output wire [`EIE_LAYER_BITS-1:0] layer_idx,
    output wire [31:0] layer_cycles,
    output wire        in_avail,
    output wire        in_held,
    // Load bus (docs/axi.md): write word mw_addr of model memory mw_mem (image.bin's ids: 0 layer
    // table, 1 codebook (every PE's copy), 2 sparse matrix, 3/4 even/odd pointer bank, 5 bias,
    // 6 output map) of PE mw_pe (ignored for ids 0, 1 and 6). Taken only in IDLE: mw_ok says
    // whether it was.
    input  wire        mw_we,
    input  wire [`EIE_PE_BITS-1:0] mw_pe,
    input  wire [2:0]  mw_mem,
    input  wire [`EIE_MW_ADDR_BITS-1:0] mw_addr,
    input  wire [`EIE_LAYER_TABLE_BITS-1:0] mw_data,
    output wire        mw_ok
);
    localparam N  = `EIE_PES;
    localparam AW = `EIE_ACT_ADDR_BITS;
    localparam GW = `EIE_GROUP_BITS;
    localparam CW = `EIE_COL_BITS;
    localparam PW = `EIE_PE_BITS;
    localparam LW = `EIE_LAYER_BITS;
    localparam AB = `EIE_ACT_BITS;
    localparam FW = `EIE_LT_FIELD_BITS;
    localparam OMW = `EIE_OUT_MAP_ADDR_BITS;
    localparam integer  PE_LAST_I  = N - 1;
    localparam integer  ROW_LAST_I = `EIE_ACT_DEPTH - 1;
    localparam [PW-1:0] PE_LAST  = PE_LAST_I[PW-1:0];
    localparam [PW-1:0] PE_ONE   = 1;
    localparam [AW-1:0] ROW_LAST = ROW_LAST_I[AW-1:0];
    localparam [AW-1:0] ROW_ONE  = 1;
    localparam [GW-1:0] G_ONE    = 1;
    localparam [CW-1:0] C_ONE    = 1;
    localparam [LW-1:0] L_ONE    = 1;
    // WB ends when the last row, read in cycle R - 1, is written: cycle R - 1 + EIE_WB_LATENCY.
    localparam integer  WTW = 3;
    localparam integer  WB_TAIL_LAST_I = `EIE_WB_LATENCY - 1;
    localparam [WTW-1:0] WB_TAIL_LAST = WB_TAIL_LAST_I[WTW-1:0];
    localparam [WTW-1:0] WT_ONE = 1;

    localparam [2:0] S_INIT = 3'd0, S_IDLE = 3'd1, S_SCAN = 3'd3, S_WB = 3'd4, S_OUT = 3'd5;
    localparam integer WBL = `EIE_WB_LATENCY;

    reg [2:0]    state;
    reg [LW-1:0] layer;
    reg [31:0]   cycle_count;
    reg          done_q;
    reg [AW-1:0] init_row;     // INIT: accumulator address being cleared
    reg [GW-1:0] wb_cycle;     // WB: row w read, 0 .. R (held at R while the pipeline drains)
    reg [WTW-1:0] wb_tail;     // WB: cycles since wb_cycle reached R
    // wb_cycle != R and the end of WB as registers, loaded with their next cycle's values (issue 10:
    // the compares after the layer table were the 4-PE HX8K build's critical path into the state).
    reg          wb_more;      // WB: wb_cycle != R, a row is read this cycle
    reg          wb_end_q;     // WB: the last cycle (wb_cycle == R, wb_tail == EIE_WB_LATENCY - 1)
    reg          scan_done_q;  // last cycle started with ccu_done, the bus empty, every PE idle
    reg [CW-1:0] io_idx;       // OUT: element index
    reg [CW-1:0] io_idx1;      // OUT: io_idx + 1, kept as a register (no carry chain before the map read)
    reg [PW-1:0] io_pe;        // OUT: io_idx mod N
    reg [AW-1:0] io_row;       // OUT: io_idx / N
    reg          armed;        // IDLE: start seen, waiting for the input slot
    reg          c_slot;       // the input slot the next (or running) vector's layer 0 reads
    reg [1:0]    in_full;      // input slots holding a whole vector
    reg          ld_slot;      // LOAD: the slot being filled
    reg [CW-1:0] ld_idx;       // LOAD: element index
    reg [PW-1:0] ld_pe;        // LOAD: ld_idx mod N
    reg [AW-1:0] ld_row;       // LOAD: ld_idx / N
    reg [CW-1:0] ld_last;      // LOAD: inputs(layer 0) - 1, kept while later layers run
    reg [WBL-1:0] wb_pipe;     // wb_rd of the last WBL cycles: bit WBL-1 = a WB write this cycle
    reg          out_have;     // OUT: the group io_row is at the buffers' read outputs
    reg [31:0]   layer_count;  // SCAN/WB cycles of the current layer before this cycle
    reg [N-1:0]  sat_q;        // the PEs' write-back saturation flags of the previous cycle
    reg [31:0]   sat_total;    // saturations of the run so far

    // ---- load bus: writes only in IDLE ----
    // A taken write is registered first and done in the next cycle (issue 10: the decode of the
    // state, memory id and PE into every memory's write enable was the 4-PE HX8K build's critical
    // path). go waits while a write is taken, so the delayed write still lands in IDLE, and the
    // first cycle of SCAN sees it as before; nothing is read from a model memory in IDLE.
    wire mw_write = mw_we && (state == S_IDLE);
    assign mw_ok  = mw_write;
    wire [N-1:0]  pe_mw_q;     // the write is for PE k's memories (ids 1 .. 5; registers in g_pe)
    reg           lt_we_q;     // ... for the layer table (id 0)
    reg           om_we_q;     // ... for the output map (id 6)
    reg  [2:0]    mw_mem_q;
    reg  [`EIE_MW_ADDR_BITS-1:0]     mw_addr_q;
    /* verilator lint_off UNUSEDSIGNAL */
    reg  [`EIE_LAYER_TABLE_BITS-1:0] mw_data_q;   // a PE or the map takes only the low bits
    /* verilator lint_on UNUSEDSIGNAL */
    always @(posedge clk) begin
        if (!rst_n) begin
            lt_we_q <= 1'b0;
            om_we_q <= 1'b0;
        end else begin
            lt_we_q <= mw_write && mw_mem == 3'd0;
            om_we_q <= mw_write && mw_mem == 3'd6;
        end
        mw_mem_q  <= mw_mem;
        mw_addr_q <= mw_addr;
        mw_data_q <= mw_data;
    end

    // ---- layer table: the current layer's word, `EIE_LAYER_TABLE_BITS bits, fields of FW bits ----
    // The table is read combinationally (docs/microarchitecture.md), but its fields feed the address
    // arithmetic of every PE (spmat_base, ptr_base), so the current layer's word is kept in a
    // register, lt, that equals table[layer] in every cycle of SCAN, WB and OUT, as the combinational
    // read would (no cycle count changes; issue 10): lt <- table[layer + 1] at the end of a WB that
    // is not the last; in reset, INIT and IDLE (layer 0) lt <- table[0] every cycle, with a load-bus
    // write of that word done in the same cycle forwarded, so SCAN(0) starts with it. IDLE itself
    // reads no field of lt (LOAD's inputs count is read from table[0] directly), so the first IDLE
    // cycle after OUT may still hold the last layer's word. The table read is then off the PEs' paths.
    // Fields are FW bits; this configuration uses only as many bits of each as its memories
    // and layer sizes need (the compiler checks every value fits), hence the waiver.
    wire          lt_we = lt_we_q;
    wire [`EIE_LAYER_TABLE_BITS-1:0] lt_next;    // table[layer + 1]
    wire [`EIE_LAYER_TABLE_BITS-1:0] lt_zero;    // table[0]
    /* verilator lint_off UNUSEDSIGNAL */
    reg  [`EIE_LAYER_TABLE_BITS-1:0] lt;
    /* verilator lint_on UNUSEDSIGNAL */
    eie_rom_comb #(
        .WIDTH(`EIE_LAYER_TABLE_BITS), .DEPTH(`EIE_MAX_LAYERS), .ADDR_BITS(LW),
        .INIT_FILE({MEM_DIR, `EIE_FILE_LAYERS})
    ) u_layers (
        .clk(clk), .addr(layer + L_ONE), .rdata(lt_next), .rdata0(lt_zero),
        .we(lt_we), .waddr(mw_addr_q[LW-1:0]), .wdata(mw_data_q)
    );
    wire lt_to_zero;   // reset, INIT, IDLE: the layer is 0
    wire lt_to_next;   // the end of a WB that is not the last layer's
    always @(posedge clk) begin
        if (lt_to_zero)      lt <= (lt_we && mw_addr_q[LW-1:0] == {LW{1'b0}}) ? mw_data_q : lt_zero;
        else if (lt_to_next) lt <= lt_next;
    end
    wire [FW-1:0] f_inputs     = lt[`EIE_LT_INPUTS*FW +: FW];
    wire [CW-1:0] f_outputs    = lt[`EIE_LT_OUTPUTS*FW +: CW];
    wire [FW-1:0] f_ptr_base   = lt[`EIE_LT_PTR_BASE*FW +: FW];
    wire [FW-1:0] f_spmat_base = lt[`EIE_LT_SPMAT_BASE*FW +: FW];
    wire [FW-1:0] f_bias_base  = lt[`EIE_LT_BIAS_BASE*FW +: FW];
    wire          f_relu       = lt[`EIE_LT_FLAGS*FW + `EIE_FLAG_RELU_BIT];
    wire          f_last       = lt[`EIE_LT_FLAGS*FW + `EIE_FLAG_LAST_BIT];
    wire          f_outmap     = lt[`EIE_LT_FLAGS*FW + `EIE_FLAG_OUTMAP_BIT];
    wire [`EIE_WFRAC_BITS-1:0] f_wfrac = lt[`EIE_LT_FLAGS*FW + `EIE_FLAG_WFRAC_SHIFT +: `EIE_WFRAC_BITS];
    wire [GW-1:0] f_groups     = lt[`EIE_LT_GROUPS*FW +: GW];
    wire [GW-1:0] f_rows       = lt[`EIE_LT_ROWS*FW +: GW];
    wire [CW-1:0] z_inputs_c   = lt_zero[`EIE_LT_INPUTS*FW +: CW];   // layer 0's, for LOAD

    // ---- PE array wiring ----
    wire [N-1:0]    pe_ge0;        // queue count >= D, D - 1, D - 2
    wire [N-1:0]    pe_ge1;
    wire [N-1:0]    pe_ge2;
    wire [N-1:0]    pe_idle;
    wire [N-1:0]    pe_sat;
    wire [N*AB-1:0] pe_act_rdata;
    wire [N-1:0]    ld_we;

    wire ccu_re;
    wire [AW-1:0] ccu_raddr;
    wire bc_v;
    wire [CW-1:0] bc_j;
    wire [AB-1:0] bc_a;
    wire ccu_done;

    wire in_scan = (state == S_SCAN);
    wire in_wb   = (state == S_WB);
    wire in_out  = (state == S_OUT);
    wire in_init = (state == S_INIT);

    eie_ccu u_ccu (
        .clk(clk), .rst_n(rst_n), .scan(in_scan),
        .inputs(f_inputs), .groups(f_groups),
        .act_rdata(pe_act_rdata),
        .any_ge0(|pe_ge0), .any_ge1(|pe_ge1), .any_ge2(|pe_ge2),
        .act_re(ccu_re), .act_raddr(ccu_raddr),
        .bc_v(bc_v), .bc_j(bc_j), .bc_a(bc_a), .done(ccu_done)
    );

    // LOAD handshake: a free slot, and no write-back write to the activation RAM this cycle
    wire   wb_wr    = wb_pipe[WBL-1];
    assign in_ready = !in_init && !in_full[ld_slot] && !wb_wr;
    wire   ld_fire  = in_valid && in_ready;
    wire   ld_done  = ld_fire && (ld_idx == ld_last);
    wire   go       = (state == S_IDLE) && (start || armed) && in_full[c_slot] && !mw_we;

    // OUT stream: read a group from every PE, then send its elements one per handshake
    wire out_rd   = in_out && !out_have && (io_idx != f_outputs);
    assign out_valid = in_out && out_have;
    // The PEs' read outputs padded with zeros to 2^PW values so that every io_pe selects inside.
    localparam PADDED = 1 << PW;
    wire [PADDED*AB-1:0] act_rdata_pad;
    assign act_rdata_pad[N*AB-1:0] = pe_act_rdata;
    generate
        if (PADDED > N) begin : g_pad
            assign act_rdata_pad[PADDED*AB-1:N*AB] = {((PADDED - N) * AB){1'b0}};
        end
    endgenerate
    wire   out_fire  = out_valid && out_ready;

    // Output map (docs/balancing.md): the PE of each output element of a row-balanced image, read one
    // element ahead (the address is the element presented in the next cycle), so out_map_q belongs to
    // io_idx whenever out_valid is high and OUT keeps its timing. Global, one PE index per element;
    // without the flag (an unbalanced image has no map) element i comes from PE i mod N.
    // A map of at most OM_LOGIC_BITS bits (1/32 of an iCE40 block RAM; 64 x 2 in the 4-PE HX8K build)
    // is kept in logic cells, not in a block RAM of its own: that build's 32 EBR are exactly 4 PEs'
    // worth (issue 10, docs/rtl.md). A larger one takes block RAM (with 3 PEs the HX8K has EBR to spare).
    localparam integer OM_LOGIC_BITS = 128;
    // The read is of io_idx while the group is not yet at the buffers' outputs (!out_have) and of
    // io_idx1 when an element is taken (out_fire); out_map_q holds otherwise, already io_idx's. So the
    // address is selected by a register (out_have) and the handshake only enables the read (issue 10:
    // out_fire before the address, then the map's 64-to-1 select in logic, was the HX8K's critical path).
    /* verilator lint_off UNUSEDSIGNAL */
    wire [CW-1:0] om_addr = out_have ? io_idx1 : io_idx;  // the map has depth*N entries at most
    /* verilator lint_on UNUSEDSIGNAL */
    wire          om_re   = in_out && (out_fire || !out_have);
    wire          om_we = om_we_q;
    reg  [PW-1:0] out_map_q;
    generate
        if (`EIE_OUT_MAP_DEPTH * PW <= OM_LOGIC_BITS) begin : g_om_logic
            (* ram_style = "logic" *)
            reg [PW-1:0] out_map [0:`EIE_OUT_MAP_DEPTH-1];
`ifndef EIE_NO_MEM_INIT
`ifdef EIE_FILE_OUT_MAP
            initial $readmemh({MEM_DIR, `EIE_FILE_OUT_MAP}, out_map);
`endif
`endif
            always @(posedge clk) begin
                if (om_we) out_map[mw_addr_q[OMW-1:0]] <= mw_data_q[PW-1:0];
                if (om_re) out_map_q <= out_map[om_addr[OMW-1:0]];
            end
        end else begin : g_om_block
            (* ram_style = "block", no_rw_check *)
            reg [PW-1:0] out_map [0:`EIE_OUT_MAP_DEPTH-1];
`ifndef EIE_NO_MEM_INIT
`ifdef EIE_FILE_OUT_MAP
            initial $readmemh({MEM_DIR, `EIE_FILE_OUT_MAP}, out_map);
`endif
`endif
            always @(posedge clk) begin
                if (om_we) out_map[mw_addr_q[OMW-1:0]] <= mw_data_q[PW-1:0];
                if (om_re) out_map_q <= out_map[om_addr[OMW-1:0]];
            end
        end
    endgenerate
    wire [PW-1:0] out_pe = f_outmap ? out_map_q : io_pe;
    assign out_data  = act_rdata_pad[out_pe * AB +: AB];

    // The PEs' activation read port: the control unit in SCAN (layer 0 its input slot, layer l
    // act[l mod 2]), the output stream in OUT (the last layer wrote act[(l + 1) mod 2]).
    wire          act_re    = in_scan ? ccu_re : out_rd;
    wire [AW-1:0] act_raddr = in_scan ? ccu_raddr : io_row;
    wire          layer0    = (layer == {LW{1'b0}});
    wire [1:0]    act_rsel  = !in_scan ? {1'b0, ~layer[0]} : layer0 ? {1'b1, c_slot} : {1'b0, layer[0]};

    wire          wb_rd  = in_wb && wb_more;
    /* verilator lint_off UNUSEDSIGNAL */
    wire [GW-1:0] wb_cycle_w = wb_cycle;   // the top bit only reaches w == depth (no read then)
    /* verilator lint_on UNUSEDSIGNAL */

    genvar k;
    generate
        for (k = 0; k < N; k = k + 1) begin : g_pe
            localparam [PW-1:0] K = k;
            assign ld_we[k] = ld_fire && (ld_pe == K);
            reg mw_q;
            always @(posedge clk) begin
                if (!rst_n) mw_q <= 1'b0;
                else        mw_q <= mw_write && (mw_mem == 3'd1 || (mw_mem >= 3'd2 && mw_mem <= 3'd5 && mw_pe == K));
            end
            assign pe_mw_q[k] = mw_q;
            eie_pe #(.PE_INDEX(k), .MEM_DIR(MEM_DIR)) u_pe (
                .clk(clk), .rst_n(rst_n), .layer(layer),
                .ptr_base(f_ptr_base), .spmat_base(f_spmat_base), .bias_base(f_bias_base),
                .wfrac(f_wfrac), .relu(f_relu),
                .bc_v(bc_v), .bc_j(bc_j), .bc_a(bc_a),
                .q_ge0(pe_ge0[k]), .q_ge1(pe_ge1[k]), .q_ge2(pe_ge2[k]),
                .idle(pe_idle[k]), .wb_sat(pe_sat[k]),
                .act_re(act_re), .act_raddr(act_raddr), .act_rsel(act_rsel),
                .act_rdata(pe_act_rdata[k*AB +: AB]),
                .ld_we(ld_we[k]), .ld_addr({ld_slot, ld_row}), .ld_data(in_data),
                .wb_rd(wb_rd), .wb_row(wb_cycle_w[AW-1:0]),
                .clr_we(in_init), .clr_addr(init_row),
                .mw_we(pe_mw_q[k]), .mw_mem(mw_mem_q),
                .mw_addr(mw_addr_q[`EIE_MW_PE_ADDR_BITS-1:0]), .mw_data(mw_data_q[`EIE_MW_PE_DATA_BITS-1:0])
            );
        end
    endgenerate

    wire scan_end = in_scan && scan_done_q;
    wire wb_end   = wb_end_q;   // in_wb && wb_cycle == R && wb_tail == WB_TAIL_LAST
    wire out_end  = in_out && !out_have && (io_idx == f_outputs);
    assign lt_to_zero = !rst_n || in_init || (state == S_IDLE);
    assign lt_to_next = wb_end && !f_last;

    // io counters advance on each OUT element
    wire io_step = out_fire;
    wire io_wrap = (io_pe == PE_LAST);

    // Saturations in one cycle: the flags of all PEs added (registered first: an N-input sum).
    function [31:0] popcount(input [N-1:0] bits);
        integer i;
        begin
            popcount = 32'd0;
            for (i = 0; i < N; i = i + 1) popcount = popcount + {31'd0, bits[i]};
        end
    endfunction

    always @(posedge clk) begin
        if (!rst_n) begin
            state       <= S_INIT;
            layer       <= {LW{1'b0}};
            cycle_count <= 32'd0;
            done_q      <= 1'b0;
            init_row    <= {AW{1'b0}};
            wb_cycle    <= {GW{1'b0}};
            wb_tail     <= {WTW{1'b0}};
            wb_more     <= 1'b0;
            wb_end_q    <= 1'b0;
            scan_done_q <= 1'b0;
            io_idx      <= {CW{1'b0}};
            io_idx1     <= C_ONE;
            io_pe       <= {PW{1'b0}};
            io_row      <= {AW{1'b0}};
            out_have    <= 1'b0;
            layer_count <= 32'd0;
            sat_q       <= {N{1'b0}};
            sat_total   <= 32'd0;
            armed       <= 1'b0;
            c_slot      <= 1'b0;
            in_full     <= 2'b00;
            ld_slot     <= 1'b0;
            ld_idx      <= {CW{1'b0}};
            ld_pe       <= {PW{1'b0}};
            ld_row      <= {AW{1'b0}};
            ld_last     <= {CW{1'b0}};
            wb_pipe     <= {WBL{1'b0}};
        end else begin
            wb_pipe <= {wb_pipe[WBL-2:0], wb_rd};
            ld_last <= z_inputs_c - C_ONE;   // table[0] changes only in IDLE
            // LOAD, independent of the controller's state
            if (ld_fire) begin
                ld_idx <= ld_done ? {CW{1'b0}} : ld_idx + C_ONE;
                ld_pe  <= (ld_done || ld_pe == PE_LAST) ? {PW{1'b0}} : ld_pe + PE_ONE;
                ld_row <= ld_done ? {AW{1'b0}} : (ld_pe == PE_LAST) ? ld_row + ROW_ONE : ld_row;
            end
            if (scan_end && layer0) begin
                in_full[c_slot] <= 1'b0;
                c_slot <= ~c_slot;
            end
            if (ld_done) begin
                in_full[ld_slot] <= 1'b1;
                ld_slot <= ~ld_slot;
            end
            done_q <= 1'b0;
            sat_q  <= pe_sat;
            sat_total <= sat_total + popcount(sat_q);
            if (in_scan || in_wb) layer_count <= wb_end ? 32'd0 : layer_count + 32'd1;
            scan_done_q <= in_scan && ccu_done && !bc_v && (&pe_idle);
            if (in_scan || in_wb) cycle_count <= cycle_count + 32'd1;
            if (io_step) begin
                io_idx  <= io_idx1;
                io_idx1 <= io_idx1 + C_ONE;
                io_pe  <= io_wrap ? {PW{1'b0}} : io_pe + PE_ONE;
                if (io_wrap) io_row <= io_row + ROW_ONE;
            end
            case (state)
                S_INIT: begin
                    init_row <= init_row + ROW_ONE;
                    if (init_row == ROW_LAST) state <= S_IDLE;
                end
                S_IDLE: begin
                    if (go) begin
                        state       <= S_SCAN;
                        armed       <= 1'b0;
                        cycle_count <= 32'd0;
                        layer_count <= 32'd0;
                        sat_total   <= 32'd0;
                    end else if (start) begin
                        armed       <= 1'b1;
                    end
                end
                S_SCAN: begin
                    if (scan_end) begin
                        state    <= S_WB;
                        wb_cycle <= {GW{1'b0}};
                        wb_tail  <= {WTW{1'b0}};
                        wb_more  <= (f_rows != {GW{1'b0}});
                    end
                end
                S_WB: begin
                    if (wb_more) begin
                        wb_cycle <= wb_cycle + G_ONE;
                        wb_more  <= (wb_cycle + G_ONE != f_rows);
                    end else begin
                        wb_tail  <= wb_tail + WT_ONE;
                    end
                    // EIE_WB_LATENCY >= 2: the last cycle follows one with wb_tail one lower.
                    wb_end_q <= !wb_more && !wb_end_q && (wb_tail == WB_TAIL_LAST - WT_ONE);
                    if (wb_end) begin
                        if (f_last) begin
                            state    <= S_OUT;
                            io_idx   <= {CW{1'b0}};
                            io_idx1  <= C_ONE;
                            io_pe    <= {PW{1'b0}};
                            io_row   <= {AW{1'b0}};
                            out_have <= 1'b0;
                        end else begin
                            state <= S_SCAN;
                            layer <= layer + L_ONE;
                        end
                    end
                end
                S_OUT: begin
                    if (out_rd) out_have <= 1'b1;
                    // a group is used up after its last PE's element or the last element
                    if (out_fire && (io_wrap || io_idx1 == f_outputs)) out_have <= 1'b0;
                    if (out_end) begin
                        state  <= S_IDLE;
                        layer  <= {LW{1'b0}};
                        done_q <= 1'b1;
                    end
                end
                default: state <= S_INIT;
            endcase
        end
    end

    assign busy   = (state != S_IDLE) || armed;
    assign in_avail = in_full[c_slot];
    assign in_held  = (in_full != 2'b00) || (ld_idx != {CW{1'b0}});
    assign done   = done_q;
    assign cycles = cycle_count;
    assign sat_count    = sat_total;
    assign layer_end    = wb_end;
    assign layer_idx    = layer;
    assign layer_cycles = layer_count + 32'd1;

`ifdef EIEC_TRACE
    // Simulation only: per-layer cycle counts, for comparison with the cycle simulator.
    reg [31:0] trace_layer_start;
    reg [31:0] trace_scan_cycles;
    always @(posedge clk) begin
        if (rst_n) begin
            if (go || (wb_end && !f_last))
                trace_layer_start <= in_wb ? cycle_count + 32'd1 : 32'd0;
            if (scan_end) trace_scan_cycles <= cycle_count + 32'd1 - trace_layer_start;
            if (wb_end)
                $display("EIEC_LAYER %0d %0d %0d", layer, trace_scan_cycles,
                         {{(32 - GW){1'b0}}, f_rows} + `EIE_WB_LATENCY);
        end
    end
`endif
endmodule
