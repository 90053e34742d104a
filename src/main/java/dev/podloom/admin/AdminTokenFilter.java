package dev.podloom.admin;

import dev.podloom.web.ApiException;
import dev.podloom.web.ApiResponses;
import dev.podloom.web.ErrorCode;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Guards {@code /admin/**} with {@code Authorization: Bearer <PODLOOM_ADMIN_TOKEN>}. */
@ServerFilter("/admin/**")
@Requires(property = AdminTokenFilter.PROPERTY, pattern = ".+")
public final class AdminTokenFilter implements Ordered {

    static final String PROPERTY = "podloom.admin-token";

    private final byte[] expected;

    public AdminTokenFilter(@Value("${" + PROPERTY + "}") String token) {
        this.expected = token.getBytes(StandardCharsets.UTF_8);
    }

    @RequestFilter
    @Nullable // null: let the request through
    public HttpResponse<?> authenticate(HttpRequest<?> request) {
        String header = request.getHeaders().getAuthorization().orElse("");
        byte[] presented = header.startsWith("Bearer ")
                ? header.substring(7).strip().getBytes(StandardCharsets.UTF_8) : new byte[0];
        // Constant-time: the time taken does not reveal how much of the token matched.
        if (!MessageDigest.isEqual(presented, expected)) {
            return ApiResponses.error(request, new ApiException(ErrorCode.UNAUTHORIZED,
                            "Admin endpoints need 'Authorization: Bearer <PODLOOM_ADMIN_TOKEN>'."))
                    .header("WWW-Authenticate", "Bearer");
        }
        return null;
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 100;
    }
}
