package dev.podloom.web;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Answers every {@link ApiException} with the envelope, its code's status and extra headers. */
@Singleton
@Requires(classes = {ApiException.class, ExceptionHandler.class})
public final class ApiExceptionHandler implements ExceptionHandler<ApiException, HttpResponse<Envelope>> {

    @Override
    public HttpResponse<Envelope> handle(HttpRequest request, ApiException exception) {
        return ApiResponses.error(request, exception);
    }
}
