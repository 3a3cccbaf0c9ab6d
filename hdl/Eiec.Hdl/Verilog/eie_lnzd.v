// Leading-non-zero detection: the index of the lowest set bit of req, as a tree of 4-input
// detectors (LEVELS = ceil(log4 WIDTH), at least 1). Each node passes up "some child is
// non-zero" and {which child (2 bits), that child's index}; lower children win. Combinational.
module eie_lnzd #(
    parameter WIDTH  = 4,
    parameter LEVELS = 1
) (
    input  wire [WIDTH-1:0]    req,
    output wire                valid,
    output wire [2*LEVELS-1:0] index
);
    localparam PADDED = 4 ** LEVELS;

    wire [PADDED-1:0] padded;
    assign padded[WIDTH-1:0] = req;
    generate
        if (PADDED > WIDTH) begin : g_pad
            assign padded[PADDED-1:WIDTH] = {(PADDED - WIDTH){1'b0}};
        end
    endgenerate

    genvar lv, i;
    generate
        for (lv = 0; lv < LEVELS; lv = lv + 1) begin : g_lvl
            localparam NODES = 4 ** (LEVELS - 1 - lv);
            localparam IW = 2 * (lv + 1);   // index bits produced at this level
            wire [NODES-1:0]    nz;         // node has a non-zero leaf below it
            wire [NODES*IW-1:0] ix;         // node's lowest non-zero leaf, relative to the node
            for (i = 0; i < NODES; i = i + 1) begin : g_node
                wire [3:0] c;
                wire [1:0] sel = c[0] ? 2'd0 : c[1] ? 2'd1 : c[2] ? 2'd2 : 2'd3;
                if (lv == 0) begin : g_leaf
                    assign c = padded[i*4 +: 4];
                    assign ix[i*IW +: IW] = sel;
                end else begin : g_inner
                    assign c = g_lvl[lv-1].nz[i*4 +: 4];
                    assign ix[i*IW +: IW] = {sel, g_lvl[lv-1].ix[(i*4 + {30'd0, sel})*(IW-2) +: (IW-2)]};
                end
                assign nz[i] = |c;
            end
        end
    endgenerate

    assign valid = g_lvl[LEVELS-1].nz[0];
    assign index = g_lvl[LEVELS-1].ix;
endmodule
