// Icarus Verilog testbench for eie_axi_top (docs/axi.md), driven by a command file the tests write.
//   cd <rtl> && iverilog -g2012 -DEIE_NO_MEM_INIT -I . -o <abs>/axi.vvp <abs>/eie_axi_tb.v -c files.f
//   vvp -n axi.vvp +cmd=commands.txt [+stall=<seed>] [+timeout=<cycles>]
// Each command line is three hex fields "op a b":
//   1 addr data   AXI4-Lite write
//   2 addr 0      AXI4-Lite read; prints EIEC_RD <addr> <value>
//   3 data last   queue one input beat (the stream producer sends queued beats in order)
//   4 n 0         wait until n output beats have arrived in total
//   5 n 0         wait n cycles
//   6 0 0         drop the input beats still queued (after a soft reset)
//   0 0 0         end: prints EIEC_END
// Every output beat prints EIEC_BEAT <index> <data> <last>. With +stall=<seed>, TVALID and
// TREADY are random (about half the cycles). Failures end with $fatal(1, "EIEC_ERROR ...").
// Stimulus is driven from clocked always blocks only.
`timescale 1ns / 1ps
`include "eie_config.vh"
module eie_axi_tb;
    parameter AXIS_BITS = `EIE_AXIS_BITS;
    parameter MAX_BEATS = 1 << 16;

    reg clk = 1'b0;
    always #5 clk = ~clk;
    reg [3:0] rst_count = 4'd0;
    wire aresetn = (rst_count == 4'hf);
    always @(posedge clk) if (!aresetn) rst_count <= rst_count + 4'd1;

    reg  [7:0]  awaddr;
    reg         awvalid;
    wire        awready;
    reg  [31:0] wdata;
    reg         wvalid;
    wire        wready;
    wire [1:0]  bresp;
    wire        bvalid;
    reg  [7:0]  araddr;
    reg         arvalid;
    wire        arready;
    wire [31:0] rdata;
    wire [1:0]  rresp;
    wire        rvalid;
    wire [AXIS_BITS-1:0] s_tdata;
    wire        s_tvalid;
    wire        s_tready;
    wire        s_tlast;
    wire [AXIS_BITS-1:0] m_tdata;
    wire        m_tvalid;
    wire        m_tready;
    wire        m_tlast;
    wire        irq;

    eie_axi_top #(.AXIS_BITS(AXIS_BITS)) dut (
        .aclk(clk), .aresetn(aresetn),
        .s_axil_awaddr(awaddr), .s_axil_awvalid(awvalid), .s_axil_awready(awready),
        .s_axil_wdata(wdata), .s_axil_wstrb(4'hf), .s_axil_wvalid(wvalid), .s_axil_wready(wready),
        .s_axil_bresp(bresp), .s_axil_bvalid(bvalid), .s_axil_bready(1'b1),
        .s_axil_araddr(araddr), .s_axil_arvalid(arvalid), .s_axil_arready(arready),
        .s_axil_rdata(rdata), .s_axil_rresp(rresp), .s_axil_rvalid(rvalid), .s_axil_rready(1'b1),
        .s_axis_tdata(s_tdata), .s_axis_tvalid(s_tvalid), .s_axis_tready(s_tready), .s_axis_tlast(s_tlast),
        .m_axis_tdata(m_tdata), .m_axis_tvalid(m_tvalid), .m_axis_tready(m_tready), .m_axis_tlast(m_tlast),
        .irq(irq)
    );

    // ---- options ----
    reg [8*4096-1:0] cmd_file;
    integer fd;
    integer stall;
    integer timeout;
    integer seed;
    initial begin
        if (!$value$plusargs("cmd=%s", cmd_file)) $fatal(1, "EIEC_ERROR +cmd=<file> is required");
        fd = $fopen(cmd_file, "r");
        if (fd == 0) $fatal(1, "EIEC_ERROR missing file %0s", cmd_file);
        if (!$value$plusargs("stall=%d", stall)) stall = 0;
        if (!$value$plusargs("timeout=%d", timeout)) timeout = 300000;
        seed = stall;
    end

    // ---- input stream producer: queued beats in order ----
    reg [AXIS_BITS-1:0] q_data [0:MAX_BEATS-1];
    reg                 q_last [0:MAX_BEATS-1];
    integer q_head = 0;
    integer q_tail = 0;
    reg     prod_on = 1'b0;
    assign s_tvalid = prod_on && (q_head != q_tail);
    assign s_tdata  = q_data[q_head];
    assign s_tlast  = q_last[q_head];
    reg cons_on = 1'b1;
    assign m_tready = cons_on;

    // ---- command interpreter ----
    integer cycle = 0;
    integer state = 0;          // 0 fetch, 1 write, 2 read, 4 wait beats, 5 wait cycles
    reg [63:0] op, a, b;
    integer got = 0;
    integer n;
    integer count;
    always @(posedge clk) begin
        cycle <= cycle + 1;
        if (cycle > timeout) $fatal(1, "EIEC_ERROR timeout after %0d cycles (state %0d, %0d beats)", cycle, state, got);
        if (stall != 0) begin
            prod_on <= ($random(seed) & 1) == 1;
            cons_on <= ($random(seed) & 1) == 1;
        end else begin
            prod_on <= 1'b1;
            cons_on <= 1'b1;
        end
        if (s_tvalid && s_tready) q_head <= q_head + 1;
        if (m_tvalid && m_tready) begin
            if (^m_tdata === 1'bx) $fatal(1, "EIEC_ERROR unknown output beat %0d", got);
            $display("EIEC_BEAT %0d %h %0d", got, m_tdata, m_tlast);
            got <= got + 1;
        end
        if (aresetn) begin
            case (state)
                0: begin
                    count = $fscanf(fd, "%h %h %h\n", op, a, b);
                    if (count != 3) $fatal(1, "EIEC_ERROR bad command file line");
                    case (op)
                        64'd0: begin
                            $display("EIEC_END %0d", cycle);
                            $finish;
                        end
                        64'd1: begin
                            awaddr <= a[7:0]; wdata <= b[31:0]; awvalid <= 1'b1; wvalid <= 1'b1; state <= 1;
                        end
                        64'd2: begin
                            araddr <= a[7:0]; arvalid <= 1'b1; state <= 2;
                        end
                        64'd3: begin
                            q_data[q_tail] <= a[AXIS_BITS-1:0];
                            q_last[q_tail] <= b[0];
                            q_tail <= q_tail + 1;
                        end
                        64'd4: begin n = a; state <= 4; end
                        64'd5: begin n = cycle + a; state <= 5; end
                        64'd6: q_tail <= q_head + ((s_tvalid && s_tready) ? 1 : 0);
                        default: $fatal(1, "EIEC_ERROR unknown command %0d", op);
                    endcase
                end
                1: if (awready) begin
                    awvalid <= 1'b0; wvalid <= 1'b0; state <= 0;
                end
                2: if (arready) begin
                    arvalid <= 1'b0; state <= 3;
                end
                3: if (rvalid) begin
                    $display("EIEC_RD %0h %0d", araddr, rdata);
                    state <= 0;
                end
                4: if (got >= n) state <= 0;
                5: if (cycle >= n) state <= 0;
                default: state <= 0;
            endcase
        end
    end

    initial begin
        awvalid = 1'b0; wvalid = 1'b0; arvalid = 1'b0; awaddr = 8'd0; araddr = 8'd0; wdata = 32'd0;
    end
endmodule
