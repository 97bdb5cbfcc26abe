package io.nifiecommerce.edi;

import java.util.Queue;

/** Turns the segments of one inventory message (UNH..UNT or ST..SE) into stock records. */
interface InventoryMessageReader {

    void segment(EdiStockReader.Segment segment, Queue<StockRecord> out);

    void end(Queue<StockRecord> out);
}
