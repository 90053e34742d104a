package dev.podloom.credits;

import dev.podloom.web.ApiException;
import dev.podloom.web.ErrorCode;

import java.util.Map;

/** 402 in the seed's words: "Your account has 20 credits but this request requires 113 credits." */
public final class InsufficientCreditsException extends ApiException {

    public InsufficientCreditsException(long required, long balance) {
        super(ErrorCode.INSUFFICIENT_CREDITS,
                "Your account has " + balance + " credits but this request requires " + required + " credits.",
                Map.of("required", required, "balance", balance));
    }
}
