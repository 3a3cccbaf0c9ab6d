`include "eie_config.vh"
// Activation queue of one PE: a FIFO of `EIE_FIFO_DEPTH broadcast pairs {j, a}.
// count <- count + push - pop (docs/microarchitecture.md, SCAN: processing element, step 3).
// The head is read from the storage array, so a pair pushed in cycle t can be popped in cycle
// t+1 at the earliest (no fall-through). The storage is written synchronously and read
// asynchronously: distributed (LUT) RAM on an FPGA, logic cells on an iCE40 (no block RAM spent).
// ge0 / ge1 / ge2 are count >= D / D - 1 / D - 2 at the start of the cycle (not this cycle's pop,
// which comes late, after the pointer compare): the control unit registers their OR over all PEs,
// picked by how many pairs it is sending, as next cycle's any_full (docs/microarchitecture.md, SCAN:
// control unit).
// count is not a register here: cnt_q counts pushes and the pops of all cycles but the last, and
// pop_q is the last cycle's pop, so count = cnt_q - pop_q. pop then drives only rd_ptr's enable and
// pop_q, not a count update (issue 10: pop into count's enable was the HX8K's critical path, pointer
// banks' outputs, compare, pop, count). Same count in every cycle, so the same cycles.
module eie_act_queue (
    input  wire                    clk,
    input  wire                    rst_n,
    input  wire                    push,
    input  wire [`EIE_COL_BITS-1:0] push_j,
    input  wire [`EIE_ACT_BITS-1:0] push_a,
    input  wire                    pop,
    output wire [`EIE_COL_BITS-1:0] head_j,
    output wire [`EIE_ACT_BITS-1:0] head_a,
    output wire                    nonempty,
    output wire                    ge0,
    output wire                    ge1,
    output wire                    ge2
);
    localparam D  = `EIE_FIFO_DEPTH;
    localparam CW = `EIE_COL_BITS;
    localparam AB = `EIE_ACT_BITS;
    localparam QW = `EIE_FIFO_PTR_BITS;
    localparam NW = `EIE_FIFO_COUNT_BITS;
    localparam integer  Q_LAST_I = D - 1;
    localparam [QW-1:0] Q_LAST = Q_LAST_I[QW-1:0];
    localparam [QW-1:0] Q_ONE  = 1;
    localparam integer  GE1_I  = D - 1;
    localparam integer  GE2_I  = D - 2;
    localparam [NW:0]   N_FULL = D;
    localparam [NW-1:0] N_ONE  = 1;

    reg [CW+AB-1:0] mem [0:D-1];
    reg [QW-1:0]  rd_ptr;
    reg [QW-1:0]  wr_ptr;
    reg [NW-1:0]  cnt_q;      // count + pop_q: 0 .. D
    reg           pop_q;      // the previous cycle's pop

    assign {head_j, head_a} = mem[rd_ptr];
    // count >= K is cnt_q >= K + pop_q: compares with constants, selected by pop_q (no carry chain).
    // Compared one bit wider so that K = D, D - 1 and D - 2 need no special case at D = 1 or 2, and
    // K + 1 never overflows.
    wire [NW:0] cnt_w  = {1'b0, cnt_q};
    localparam [NW:0] N_FULL1 = D + 1;
    localparam integer GE1_1 = GE1_I + 1;
    localparam integer GE2_1 = GE2_I + 1;
    // nonempty is a net of its own (keep): in pop it is one input of the LUT after the pointer compare,
    // not a cone that synthesis merges into that LUT's tree (one more level, HX8K).
    (* keep *) wire nonempty_k;
    assign nonempty_k = pop_q ? (cnt_w >= 2) : (cnt_w != 0);
    assign nonempty = nonempty_k;
    assign ge0 = pop_q ? (cnt_w >= N_FULL1) : (cnt_w >= N_FULL);
    assign ge1 = pop_q ? ((GE1_1 <= 0) || (cnt_w >= GE1_1[NW:0])) : ((GE1_I <= 0) || (cnt_w >= GE1_I[NW:0]));
    assign ge2 = pop_q ? ((GE2_1 <= 0) || (cnt_w >= GE2_1[NW:0])) : ((GE2_I <= 0) || (cnt_w >= GE2_I[NW:0]));
    // cnt_q <- count + push - pop + pop = cnt_q - pop_q + push: pop itself is next cycle's pop_q.
    wire [NW-1:0] cnt_next = (push && !pop_q) ? cnt_q + N_ONE : (pop_q && !push) ? cnt_q - N_ONE : cnt_q;

    always @(posedge clk) begin
        if (push) mem[wr_ptr] <= {push_j, push_a};
    end

    always @(posedge clk) begin
        if (!rst_n) begin
            rd_ptr <= {QW{1'b0}};
            wr_ptr <= {QW{1'b0}};
            cnt_q  <= {NW{1'b0}};
            pop_q  <= 1'b0;
        end else begin
            if (push) wr_ptr <= (wr_ptr == Q_LAST) ? {QW{1'b0}} : wr_ptr + Q_ONE;
            if (pop)  rd_ptr <= (rd_ptr == Q_LAST) ? {QW{1'b0}} : rd_ptr + Q_ONE;
            cnt_q <= cnt_next;
            pop_q <= pop;
        end
    end
endmodule
