`include "eie_config.vh"
// Activation queue of one PE: a FIFO of `EIE_FIFO_DEPTH broadcast pairs {j, a}.
// count <- count + push - pop (docs/microarchitecture.md, SCAN: processing element, step 3).
// The head is read from the storage array, so a pair pushed in cycle t can be popped in cycle
// t+1 at the earliest (no fall-through). The storage is written synchronously and read
// asynchronously: distributed (LUT) RAM on an FPGA, logic cells on an iCE40 (no block RAM spent).
// ge0 / ge1 / ge2 are count >= D / D - 1 / D - 2 from the count register alone (not this cycle's pop,
// which comes late, after the sparse-matrix read unit's compares): the control unit registers their OR
// over all PEs, picked by how many pairs it is sending, as next cycle's any_full
// (docs/microarchitecture.md, SCAN: control unit).
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
    reg [NW-1:0]  count;

    assign {head_j, head_a} = mem[rd_ptr];
    assign nonempty = |count;
    wire [NW-1:0] count_next = (push && !pop) ? count + N_ONE : (pop && !push) ? count - N_ONE : count;
    // Compared one bit wider so that D - 1 and D - 2 need no special case at D = 1 or 2.
    wire [NW:0] count_w = {1'b0, count};
    assign ge0 = (count_w >= N_FULL);
    assign ge1 = (GE1_I <= 0) || (count_w >= GE1_I[NW:0]);
    assign ge2 = (GE2_I <= 0) || (count_w >= GE2_I[NW:0]);

    always @(posedge clk) begin
        if (push) mem[wr_ptr] <= {push_j, push_a};
    end

    always @(posedge clk) begin
        if (!rst_n) begin
            rd_ptr <= {QW{1'b0}};
            wr_ptr <= {QW{1'b0}};
            count  <= {NW{1'b0}};
        end else begin
            if (push) wr_ptr <= (wr_ptr == Q_LAST) ? {QW{1'b0}} : wr_ptr + Q_ONE;
            if (pop)  rd_ptr <= (rd_ptr == Q_LAST) ? {QW{1'b0}} : rd_ptr + Q_ONE;
            count <= count_next;
        end
    end
endmodule
