package dev.txcheck.txflow;

import dev.txcheck.txapi.Effect;

/** A call's effect on one transaction handle. */
public record TxEvent(Effect effect, HandleKey handle) {}
