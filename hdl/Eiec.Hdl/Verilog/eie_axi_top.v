`include "eie_config.vh"
`include "eie_regs.vh"
// Deployable top level (docs/axi.md): the PE array (eie_top) behind standard interfaces.
//   AXI4-Lite slave: control, status, counters, ID registers (configuration hash, PEs,
//     capacities) and the model-load path (LD_TARGET/LD_ADDR/LD_DATA: image.bin's sections,
//     32 bits at a time, written into the model memories over eie_top's load bus while idle).
//   AXI4-Stream slave: activations, AXIS_BITS-bit beats of AXIS_BITS/16 packed 16-bit values,
//     element i of a vector in lane i mod P of beat i / P, TLAST on the vector's last beat.
//   AXI4-Stream master: results, packed the same way, TLAST on each vector's last beat.
//   irq: IRQ_EN and (DONE or an error). aresetn is synchronised here (asserted asynchronously,
//     released on aclk).
// Overlap: the array's LOAD fills one of two input slots (in its activation RAM) while the previous
// vector computes, so LOAD costs no array time; an input buffer and an output buffer (one vector of
// the largest size the configuration holds, each) let further vectors stream in and results stream
// out. With START set the wrapper starts the array whenever it is idle and an input slot is full;
// the array's OUT phase (in series with compute) stalls only if the output buffer is full. Timing
// is in docs/microarchitecture.md ("Top-level sequence", "AXI wrapper timing"); the cycle
// simulator's EieAxiTop models it.
// A TLAST before a vector's last beat completes the vector with zero beats (ERR_TLAST_EARLY); a
// missing TLAST on the last beat drops the beats up to the next TLAST (ERR_TLAST_LATE): one
// result per vector either way, so a bad stream never hangs the accelerator.
module eie_axi_top #(
    parameter MEM_DIR   = "mem/",   // the build's $readmemh files (unless EIE_NO_MEM_INIT)
    parameter AXIS_BITS = `EIE_AXIS_BITS   // TDATA bits of both streams: 32 or 64 (stream_bits)
) (
    input  wire                 aclk,
    input  wire                 aresetn,
    // AXI4-Lite slave (256-byte window; full 32-bit writes: WSTRB is not used)
    /* verilator lint_off UNUSEDSIGNAL */
    input  wire [7:0]           s_axil_awaddr,
    input  wire                 s_axil_awvalid,
    output wire                 s_axil_awready,
    input  wire [31:0]          s_axil_wdata,
    input  wire [3:0]           s_axil_wstrb,
    input  wire                 s_axil_wvalid,
    output wire                 s_axil_wready,
    output wire [1:0]           s_axil_bresp,
    output reg                  s_axil_bvalid,
    input  wire                 s_axil_bready,
    input  wire [7:0]           s_axil_araddr,
    /* verilator lint_on UNUSEDSIGNAL */
    input  wire                 s_axil_arvalid,
    output wire                 s_axil_arready,
    output reg  [31:0]          s_axil_rdata,
    output wire [1:0]           s_axil_rresp,
    output reg                  s_axil_rvalid,
    input  wire                 s_axil_rready,
    // AXI4-Stream slave: activations
    input  wire [AXIS_BITS-1:0] s_axis_tdata,
    input  wire                 s_axis_tvalid,
    output wire                 s_axis_tready,
    input  wire                 s_axis_tlast,
    // AXI4-Stream master: results
    output wire [AXIS_BITS-1:0] m_axis_tdata,
    output wire                 m_axis_tvalid,
    input  wire                 m_axis_tready,
    output wire                 m_axis_tlast,
    output wire                 irq
);
    localparam N    = `EIE_PES;
    localparam AB   = `EIE_ACT_BITS;
    localparam CW   = `EIE_COL_BITS;
    localparam PW   = `EIE_PE_BITS;
    localparam FW   = `EIE_LT_FIELD_BITS;
    localparam P    = AXIS_BITS / AB;                    // values per beat: 2 or 4
    localparam LB   = (P > 2) ? 2 : 1;                   // lane index bits
    localparam MAX_ELEMS = N * `EIE_ACT_DEPTH;           // the longest vector the array holds
    localparam BEATS = (MAX_ELEMS + P - 1) / P;
    localparam QAW  = (BEATS > 2) ? $clog2(BEATS) : 1;   // buffer address bits
    localparam QD   = 1 << QAW;                          // buffer depth, beats
    localparam SP   = (`EIE_WORD_BITS > 32) ? 2 : 1;     // 32-bit pieces of a sparse-matrix word
    localparam LTB  = `EIE_LAYER_TABLE_BITS;
    localparam MAW  = `EIE_MW_ADDR_BITS;
    localparam integer   P_LAST_I  = P - 1;
    localparam [LB-1:0]  LANE_LAST = P_LAST_I[LB-1:0];
    localparam [LB-1:0]  LANE_ONE  = 1;
    localparam [CW-1:0]  C_ONE     = 1;
    localparam [QAW:0]   Q_FULL    = QD;
    localparam [QAW-1:0] QP_ONE    = 1;
    localparam [63:0]    HASH      = `EIE_CONFIG_HASH;
    localparam [31:0]    ID_PES    = N;
    localparam [31:0]    ID_SPMAT  = `EIE_SPMAT_DEPTH;
    localparam [31:0]    ID_PTR    = `EIE_PTR_DEPTH;
    localparam [31:0]    ID_BIAS   = `EIE_BIAS_DEPTH;
    localparam [31:0]    ID_LAYERS = `EIE_MAX_LAYERS;
    localparam [31:0]    ID_ACT    = `EIE_ACT_DEPTH;
    localparam [31:0]    ID_STREAM = AXIS_BITS;
    localparam [31:0]    ID_WORD   = `EIE_WORD_BITS;
    localparam [31:0]    DEPTH_CB  = `EIE_CODEBOOK_DEPTH;

    // ---- reset synchroniser; soft reset restarts everything but the bus interface and the model ----
    reg [1:0] rst_sync;
    always @(posedge aclk or negedge aresetn) begin
        if (!aresetn) rst_sync <= 2'b00;
        else          rst_sync <= {rst_sync[0], 1'b1};
    end
    wire rst_n = rst_sync[1];
    reg  soft_rst;
    wire srst_n = rst_n && !soft_rst;

    // ---- AXI4-Lite ----
    // Nothing is accepted until the synchronised reset is released, and a model word (LD_DATA)
    // waits while the array clears its accumulators after a reset (INIT, activation-depth cycles):
    // a host may load right after reset without polling.
    reg         core_init;
    wire [7:0]  waddr = {s_axil_awaddr[7:2], 2'b00};
    wire        wr    = rst_n && s_axil_awvalid && s_axil_wvalid && !s_axil_bvalid &&
                        !(core_init && waddr == `EIE_REG_LD_DATA);
    wire [31:0] wdata = s_axil_wdata;
    assign s_axil_awready = wr;
    assign s_axil_wready  = wr;
    assign s_axil_bresp   = 2'b00;
    assign s_axil_rresp   = 2'b00;
    assign s_axil_arready = rst_n && !s_axil_rvalid;
    wire rd = s_axil_arvalid && s_axil_arready;
    wire wr_ctrl  = wr && waddr == `EIE_REG_CTRL;
    wire wr_clear = wr && waddr == `EIE_REG_IRQ_CLEAR;
    wire wr_tgt   = wr && waddr == `EIE_REG_LD_TARGET;
    wire wr_addr  = wr && waddr == `EIE_REG_LD_ADDR;
    wire wr_data  = wr && waddr == `EIE_REG_LD_DATA;

    reg run;
    reg irq_en;

    // ---- the array ----
    wire          core_busy;
    wire          core_done;
    wire          core_in_valid;
    wire          core_in_ready;
    wire [AB-1:0] core_in_data;
    wire          core_out_valid;
    wire          core_out_ready;
    wire [AB-1:0] core_out_data;
    wire [31:0]   core_cycles;
    wire [31:0]   core_sat;
    wire          core_layer_end;
    wire [`EIE_LAYER_BITS-1:0] core_layer;
    wire [31:0]   core_layer_cycles;
    wire          core_in_avail;
    wire          core_in_held;
    wire          core_start;
    reg           mw_we;
    reg  [PW-1:0] mw_pe;
    reg  [2:0]    mw_mem;
    reg  [MAW-1:0] mw_addr;
    reg  [LTB-1:0] mw_data;
    wire          mw_ok;

    eie_top #(.MEM_DIR(MEM_DIR)) u_core (
        .clk(aclk), .rst_n(srst_n), .start(core_start), .busy(core_busy), .done(core_done),
        .in_valid(core_in_valid), .in_ready(core_in_ready), .in_data(core_in_data),
        .out_valid(core_out_valid), .out_ready(core_out_ready), .out_data(core_out_data),
        .cycles(core_cycles), .sat_count(core_sat),
        .layer_end(core_layer_end), .layer_idx(core_layer), .layer_cycles(core_layer_cycles),
        .in_avail(core_in_avail), .in_held(core_in_held),
        .mw_we(mw_we), .mw_pe(mw_pe), .mw_mem(mw_mem), .mw_addr(mw_addr), .mw_data(mw_data), .mw_ok(mw_ok)
    );

    // ---- load path: LD_TARGET, LD_ADDR, then LD_DATA pieces; the last piece of a word writes it ----
    reg [31:0]    ld_target;    // image.bin's section target: PE in [31:16], memory id in [7:0]
    wire [7:0]    ld_mem = ld_target[7:0];
    wire [31:16]  ld_pe  = ld_target[31:16];
    reg [31:0]    ld_addr;
    reg [2:0]     ld_piece;
    reg [LTB-1:0] ld_buf;
    reg [LTB-1:0] ld_word;      // ld_buf with this write's piece in place
    always @* begin
        ld_word = ld_buf;
        ld_word[ld_piece*32 +: 32] = wdata;
    end
    wire [2:0] ld_last_piece = (ld_mem == 8'd0) ? 3'd7 : (ld_mem == 8'd2) ? SP - 1 : 3'd0;
    wire       ld_issue      = wr_data && ld_piece == ld_last_piece;
    wire [31:0] ld_depth = (ld_mem == 8'd0) ? ID_LAYERS : (ld_mem == 8'd1) ? DEPTH_CB :
                           (ld_mem == 8'd2) ? ID_SPMAT : (ld_mem == 8'd5) ? ID_BIAS :
                           (ld_mem == 8'd6) ? `EIE_OUT_MAP_DEPTH : ID_PTR;
    wire ld_global = (ld_mem == 8'd0) || (ld_mem == 8'd1) || (ld_mem == 8'd6);   // 6: output map
    wire ld_valid  = (ld_mem <= 8'd6) && (ld_target[15:8] == 8'd0) &&
                     (ld_global ? (ld_pe == 16'hffff) : ({16'd0, ld_pe} < ID_PES)) &&
                     (ld_addr < ld_depth);

    // Vector lengths, taken from the layer-table words as they are loaded: inputs of layer 0 and
    // outputs of the layer flagged last.
    reg [CW-1:0] in_len;
    reg [CW-1:0] out_len;

    always @(posedge aclk) begin
        if (!rst_n) begin
            ld_target <= 32'd0;
            ld_addr  <= 32'd0;
            ld_piece <= 3'd0;
            mw_we    <= 1'b0;
            in_len   <= {CW{1'b0}};
            out_len  <= {CW{1'b0}};
        end else begin
            mw_we <= 1'b0;
            if (wr_tgt) begin
                ld_target <= wdata;
                ld_piece  <= 3'd0;
            end
            if (wr_addr) begin
                ld_addr  <= wdata;
                ld_piece <= 3'd0;
            end
            if (wr_data) begin
                ld_buf   <= ld_word;
                ld_piece <= ld_issue ? 3'd0 : ld_piece + 3'd1;
                if (ld_issue) begin
                    ld_addr <= ld_addr + 32'd1;
                    if (ld_valid) begin
                        mw_we   <= 1'b1;
                        mw_mem  <= ld_mem[2:0];
                        mw_pe   <= ld_pe[PW+15:16];
                        mw_addr <= ld_addr[MAW-1:0];
                        mw_data <= ld_word;
                        if (ld_mem == 8'd0 && ld_addr == 32'd0)
                            in_len <= ld_word[`EIE_LT_INPUTS*FW +: CW];
                        if (ld_mem == 8'd0 && ld_word[`EIE_LT_FLAGS*FW + `EIE_FLAG_LAST_BIT])
                            out_len <= ld_word[`EIE_LT_OUTPUTS*FW +: CW];
                    end
                end
            end
        end
    end

    // ---- input buffer: beats in, 16-bit values out to the array's LOAD ----
    // Both stream buffers are synchronous RAMs (block RAM, not a vector of registers read through a
    // multiplexer): the head register is read from the next cycle's read address, and a beat pushed
    // into the slot that becomes the head goes straight to it, so the head is valid the cycle after
    // the push exactly as a combinational read would be. The RAM's own read-during-write result is
    // never used (the bypass covers it), hence no_rw_check.
    (* no_rw_check *)
    reg [AXIS_BITS-1:0] in_mem [0:QD-1];
    reg [QAW-1:0] iq_w;
    reg [QAW-1:0] iq_r;
    reg [QAW:0]   iq_n;
    reg [CW-1:0]  in_beat;      // beat of the vector arriving
    reg           in_pad;       // completing a vector cut short by TLAST with zero beats
    reg           in_drop;      // dropping beats up to the TLAST of a vector that was too long
    /* verilator lint_off UNUSEDSIGNAL */
    wire [CW-1:0] in_len_m1  = in_len - C_ONE;
    /* verilator lint_on UNUSEDSIGNAL */
    wire [CW-1:0] in_last    = in_len_m1 >> LB;           // index of a vector's last beat
    wire          in_open    = srst_n && (in_len != {CW{1'b0}});
    assign s_axis_tready     = in_open && !in_pad && (in_drop || iq_n != Q_FULL);
    wire          in_fire    = s_axis_tvalid && s_axis_tready;
    wire          iq_push    = (in_fire && !in_drop) || (in_pad && iq_n != Q_FULL);
    wire          beat_last  = (in_beat == in_last);
    wire          err_early  = in_fire && !in_drop && s_axis_tlast && !beat_last;
    wire          err_late   = in_fire && !in_drop && !s_axis_tlast && beat_last;

    reg [LB-1:0]  rd_lane;
    reg [CW-1:0]  rd_elem;
    reg  [AXIS_BITS-1:0] iq_head;      // in_mem[iq_r]
    assign core_in_valid = (iq_n != {(QAW + 1){1'b0}});
    assign core_in_data  = iq_head[rd_lane*AB +: AB];
    wire core_in_fire    = core_in_valid && core_in_ready;
    wire rd_vec_last     = (rd_elem == in_len_m1);
    wire iq_pop          = core_in_fire && (rd_lane == LANE_LAST || rd_vec_last);
    assign core_start    = run && !core_busy && core_in_avail;

    wire [AXIS_BITS-1:0] iq_wdata = in_pad ? {AXIS_BITS{1'b0}} : s_axis_tdata;
    wire [QAW-1:0]       iq_r_next = iq_pop ? iq_r + QP_ONE : iq_r;
    always @(posedge aclk) begin
        if (iq_push) in_mem[iq_w] <= iq_wdata;
        iq_head <= (iq_push && iq_w == iq_r_next) ? iq_wdata : in_mem[iq_r_next];
    end

    always @(posedge aclk) begin
        if (!srst_n) begin
            iq_w    <= {QAW{1'b0}};
            iq_r    <= {QAW{1'b0}};
            iq_n    <= {(QAW + 1){1'b0}};
            in_beat <= {CW{1'b0}};
            in_pad  <= 1'b0;
            in_drop <= 1'b0;
            rd_lane <= {LB{1'b0}};
            rd_elem <= {CW{1'b0}};
        end else begin
            if (iq_push) begin
                iq_w    <= iq_w + QP_ONE;
                in_beat <= beat_last ? {CW{1'b0}} : in_beat + C_ONE;
                if (in_pad && beat_last) in_pad <= 1'b0;
            end
            if (iq_pop) iq_r <= iq_r + QP_ONE;
            iq_n <= iq_n + {{QAW{1'b0}}, iq_push} - {{QAW{1'b0}}, iq_pop};
            if (err_early) in_pad <= 1'b1;
            if (err_late) in_drop <= 1'b1;
            if (in_fire && in_drop && s_axis_tlast) in_drop <= 1'b0;
            if (core_in_fire) begin
                rd_elem <= rd_vec_last ? {CW{1'b0}} : rd_elem + C_ONE;
                rd_lane <= iq_pop ? {LB{1'b0}} : rd_lane + LANE_ONE;
            end
        end
    end

    // ---- output buffer: 16-bit values from the array's OUT packed into beats ----
    (* no_rw_check *)
    reg [AXIS_BITS:0]   out_mem [0:QD-1];   // {last, data}; read like in_mem
    reg [QAW-1:0] oq_w;
    reg [QAW-1:0] oq_r;
    reg [QAW:0]   oq_n;
    reg [LB-1:0]  o_lane;
    reg [CW-1:0]  o_elem;
    reg [AXIS_BITS-1:0] o_buf;
    reg [AXIS_BITS-1:0] o_word;
    always @* begin
        o_word = o_buf;
        o_word[o_lane*AB +: AB] = core_out_data;
    end
    /* verilator lint_off UNUSEDSIGNAL */
    wire [CW-1:0] out_len_m1 = out_len - C_ONE;
    /* verilator lint_on UNUSEDSIGNAL */
    assign core_out_ready = (oq_n != Q_FULL);
    wire core_out_fire    = core_out_valid && core_out_ready;
    wire o_vec_last       = (o_elem == out_len_m1);
    wire oq_push          = core_out_fire && (o_lane == LANE_LAST || o_vec_last);
    reg  [AXIS_BITS:0] oq_head;         // out_mem[oq_r]
    assign m_axis_tvalid  = (oq_n != {(QAW + 1){1'b0}});
    assign m_axis_tdata   = oq_head[AXIS_BITS-1:0];
    assign m_axis_tlast   = oq_head[AXIS_BITS];
    wire oq_pop           = m_axis_tvalid && m_axis_tready;

    wire [AXIS_BITS:0] oq_wdata  = {o_vec_last, o_word};
    wire [QAW-1:0]     oq_r_next = oq_pop ? oq_r + QP_ONE : oq_r;
    always @(posedge aclk) begin
        if (oq_push) out_mem[oq_w] <= oq_wdata;
        oq_head <= (oq_push && oq_w == oq_r_next) ? oq_wdata : out_mem[oq_r_next];
    end

    // ---- counters and status ----
    reg [31:0] tick;
    reg        seen_first;
    reg [31:0] t_first;
    reg [31:0] span;
    reg [31:0] vectors;
    reg [31:0] last_cycles;
    reg [31:0] last_sat;
    reg [`EIE_LAYER_BITS-1:0] layer_sel;
    // LAYER_CYCLES: one word per layer-table entry (a small register file, written as each layer ends)
    reg [31:0] layer_cycles [0:`EIE_MAX_LAYERS-1];
    reg        done_flag;
    reg [3:0]  err;
    wire [3:0] err_now = err_early ? `EIE_ERR_TLAST_EARLY : err_late ? `EIE_ERR_TLAST_LATE :
                         (mw_we && !mw_ok) ? `EIE_ERR_LOAD_BUSY :
                         (ld_issue && !ld_valid) ? `EIE_ERR_LOAD_TARGET : `EIE_ERR_NONE;

    always @(posedge aclk) begin
        if (!srst_n) core_init <= 1'b1;
        else if (!core_busy) core_init <= 1'b0;
    end

    always @(posedge aclk) begin
        if (!srst_n) begin
            oq_w        <= {QAW{1'b0}};
            oq_r        <= {QAW{1'b0}};
            oq_n        <= {(QAW + 1){1'b0}};
            o_lane      <= {LB{1'b0}};
            o_elem      <= {CW{1'b0}};
            o_buf       <= {AXIS_BITS{1'b0}};
            tick        <= 32'd0;
            seen_first  <= 1'b0;
            t_first     <= 32'd0;
            span        <= 32'd0;
            vectors     <= 32'd0;
            last_cycles <= 32'd0;
            last_sat    <= 32'd0;
            done_flag   <= 1'b0;
            err         <= `EIE_ERR_NONE;
        end else begin
            tick <= tick + 32'd1;
            if (core_out_fire) begin
                o_elem <= o_vec_last ? {CW{1'b0}} : o_elem + C_ONE;
                o_lane <= oq_push ? {LB{1'b0}} : o_lane + LANE_ONE;
                o_buf  <= oq_push ? {AXIS_BITS{1'b0}} : o_word;
            end
            if (oq_push) oq_w <= oq_w + QP_ONE;
            if (oq_pop)  oq_r <= oq_r + QP_ONE;
            oq_n <= oq_n + {{QAW{1'b0}}, oq_push} - {{QAW{1'b0}}, oq_pop};
            if (in_fire && !seen_first) begin
                seen_first <= 1'b1;
                t_first    <= tick;
            end
            if (oq_pop && m_axis_tlast) begin
                vectors   <= vectors + 32'd1;
                span      <= tick - t_first + 32'd1;
                done_flag <= 1'b1;
            end
            if (core_done) begin
                last_cycles <= core_cycles;
                last_sat    <= core_sat;
            end
            if (wr_clear && wdata[`EIE_CLEAR_DONE]) done_flag <= 1'b0;
            if (wr_clear && wdata[`EIE_CLEAR_ERROR]) err <= `EIE_ERR_NONE;
            else if (err == `EIE_ERR_NONE) err <= err_now;
        end
    end

    localparam integer MAXL = `EIE_MAX_LAYERS;
    integer li;
    always @(posedge aclk) begin
        if (!srst_n) begin
            for (li = 0; li < MAXL; li = li + 1) layer_cycles[li] <= 32'd0;
        end else if (core_layer_end) begin
            layer_cycles[core_layer] <= core_layer_cycles;
        end
    end
    wire [31:0] layer_sel_w = {{(32 - `EIE_LAYER_BITS){1'b0}}, layer_sel};
    wire [31:0] layer_cycles_sel = (layer_sel_w < ID_LAYERS) ? layer_cycles[layer_sel] : 32'd0;

    // ---- control register ----
    always @(posedge aclk) begin
        if (!rst_n) begin
            run      <= 1'b0;
            irq_en   <= 1'b0;
            soft_rst <= 1'b0;
            layer_sel <= {`EIE_LAYER_BITS{1'b0}};
        end else begin
            if (wr && waddr == `EIE_REG_LAYER_SEL) layer_sel <= wdata[`EIE_LAYER_BITS-1:0];
            soft_rst <= wr_ctrl && wdata[`EIE_CTRL_SOFT_RESET];
            if (wr_ctrl) begin
                run    <= wdata[`EIE_CTRL_START];
                irq_en <= wdata[`EIE_CTRL_IRQ_EN];
            end
        end
    end

    wire busy = core_busy || core_in_held || core_in_valid || m_axis_tvalid || in_pad || (o_lane != {LB{1'b0}});
    assign irq = irq_en && (done_flag || err != `EIE_ERR_NONE);

    // ---- AXI4-Lite handshakes and read data ----
    reg [31:0] rdata;
    always @* begin
        case ({s_axil_araddr[7:2], 2'b00})
            `EIE_REG_CTRL:       rdata = {29'd0, irq_en, 1'b0, run};
            `EIE_REG_STATUS:     rdata = {28'd0, err != `EIE_ERR_NONE, irq, done_flag, busy};
            `EIE_REG_ERROR:      rdata = {28'd0, err};
            `EIE_REG_CYCLES:     rdata = last_cycles;
            `EIE_REG_SPAN:       rdata = span;
            `EIE_REG_VECTORS:    rdata = vectors;
            `EIE_REG_IN_LEN:     rdata = {{(32 - CW){1'b0}}, in_len};
            `EIE_REG_OUT_LEN:    rdata = {{(32 - CW){1'b0}}, out_len};
            `EIE_REG_SAT_COUNT:  rdata = last_sat;
            `EIE_REG_LAYER_SEL:  rdata = layer_sel_w;
            `EIE_REG_LAYER_CYCLES: rdata = layer_cycles_sel;
            `EIE_REG_ID_VERSION: rdata = `EIE_ID_VERSION;
            `EIE_REG_ID_HASH_LO: rdata = HASH[31:0];
            `EIE_REG_ID_HASH_HI: rdata = HASH[63:32];
            `EIE_REG_ID_PES:     rdata = ID_PES;
            `EIE_REG_ID_SPMAT_WORDS:  rdata = ID_SPMAT;
            `EIE_REG_ID_PTR_DEPTH:    rdata = ID_PTR;
            `EIE_REG_ID_BIAS_ENTRIES: rdata = ID_BIAS;
            `EIE_REG_ID_MAX_LAYERS:   rdata = ID_LAYERS;
            `EIE_REG_ID_ACT_DEPTH:    rdata = ID_ACT;
            `EIE_REG_ID_STREAM_BITS:  rdata = ID_STREAM;
            `EIE_REG_ID_WORD_BITS:    rdata = ID_WORD;
            `EIE_REG_ID_CODEBOOK_DEPTH: rdata = DEPTH_CB;
            default:             rdata = 32'd0;
        endcase
    end

    always @(posedge aclk) begin
        if (!rst_n) begin
            s_axil_bvalid <= 1'b0;
            s_axil_rvalid <= 1'b0;
        end else begin
            if (wr) s_axil_bvalid <= 1'b1;
            else if (s_axil_bready) s_axil_bvalid <= 1'b0;
            if (rd) begin
                s_axil_rvalid <= 1'b1;
                s_axil_rdata  <= rdata;
            end else if (s_axil_rready) begin
                s_axil_rvalid <= 1'b0;
            end
        end
    end
endmodule
