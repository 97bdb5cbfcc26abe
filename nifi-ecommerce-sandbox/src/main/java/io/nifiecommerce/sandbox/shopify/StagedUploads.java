package io.nifiecommerce.sandbox.shopify;

import graphql.schema.DataFetcher;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code stagedUploadsCreate} and the storage it points to, standing in for Shopify's Google Cloud Storage bucket: a
 * target per input, whose {@code url} takes the file's bytes (PUT, the SDL's default {@code httpMethod}, with the
 * {@code content_type} parameter as Content-Type header, as a signed URL requires) and whose {@code resourceUrl} is then
 * the {@code originalSource} of a product's file in {@code productSet}. userErrors as the SDL documents them: a file size
 * is required for VIDEO and MODEL_3D. Multipart POST targets are answered (url and form parameters) but their upload is
 * not simulated (the storage answers 501).
 */
public final class StagedUploads {

    /** Shopify's limit for product images: 20 MB. */
    static final long MAX_IMAGE_BYTES = 20L * 1024 * 1024;
    public static final String PATH = "/_sandbox/staged-uploads/";

    /** A staged target and, once uploaded, its bytes. */
    record Target(String resource, String filename, String mimeType, String httpMethod, byte[] bytes) {
        Target withBytes(final byte[] uploaded) {
            return new Target(resource, filename, mimeType, httpMethod, uploaded);
        }
    }

    private final Map<String, Target> targets = new ConcurrentHashMap<>();

    static DataFetcher<Object> create() {
        return env -> {
            final RequestContext context = RootFields.context(env);
            final List<Map<String, Object>> inputs = env.getArgument("input");
            final UserErrors errors = new UserErrors("UserError");
            for (int i = 0; i < inputs.size(); i++) {
                final Map<String, Object> input = inputs.get(i);
                final String resource = String.valueOf(input.get("resource"));
                if ((resource.equals("VIDEO") || resource.equals("MODEL_3D")) && input.get("fileSize") == null) {
                    errors.add(UserErrors.path("input", i, "fileSize"), "File size is required for VIDEO and MODEL_3D resources.", null);
                }
            }
            final Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("__typename", "StagedUploadsCreatePayload");
            if (!errors.isEmpty()) {
                payload.put("stagedTargets", null);
                payload.put("userErrors", errors.list());
                return payload;
            }
            final List<Map<String, Object>> staged = new ArrayList<>();
            for (final Map<String, Object> input : inputs) {
                staged.add(context.operations().stagedUploads().stage(context.operations().baseUrl(), String.valueOf(input.get("resource")),
                        String.valueOf(input.get("filename")), String.valueOf(input.get("mimeType")),
                        input.get("httpMethod") == null ? "PUT" : String.valueOf(input.get("httpMethod"))));
            }
            payload.put("stagedTargets", staged);
            payload.put("userErrors", List.of());
            return payload;
        };
    }

    private Map<String, Object> stage(final String baseUrl, final String resource, final String filename, final String mimeType,
                                      final String httpMethod) {
        final String key = UUID.randomUUID() + "/" + URLEncoder.encode(filename, StandardCharsets.UTF_8);
        targets.put(key, new Target(resource, filename, mimeType, httpMethod, null));
        final String resourceUrl = baseUrl + PATH + key;
        final List<Map<String, Object>> parameters = new ArrayList<>();
        final Map<String, Object> target = new LinkedHashMap<>();
        target.put("__typename", "StagedMediaUploadTarget");
        if (httpMethod.equals("PUT")) {
            parameters.add(parameter("content_type", mimeType));
            parameters.add(parameter("acl", "private"));
            target.put("url", resourceUrl + "?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Signature=sandbox");
        } else {
            parameters.add(parameter("Content-Type", mimeType));
            parameters.add(parameter("success_action_status", "201"));
            parameters.add(parameter("acl", "private"));
            parameters.add(parameter("key", key));
            target.put("url", baseUrl + PATH);
        }
        target.put("resourceUrl", resourceUrl);
        target.put("parameters", parameters);
        return target;
    }

    private static Map<String, Object> parameter(final String name, final String value) {
        return Map.of("__typename", "StagedUploadParameter", "name", name, "value", value);
    }

    /**
     * A PUT to a target's url: the status the storage answers. 404 for no such target, 403 when the Content-Type is not
     * the one the URL was signed for, 400 beyond 20 MB for an image, 501 for a POST target.
     */
    public int upload(final String key, final String contentType, final byte[] bytes) {
        final Target target = targets.get(key);
        if (target == null) {
            return 404;
        }
        if (!target.httpMethod().equals("PUT")) {
            return 501;
        }
        if (!target.mimeType().equalsIgnoreCase(contentType == null ? "" : contentType.trim())) {
            return 403;
        }
        if (target.resource().equals("IMAGE") && bytes.length > MAX_IMAGE_BYTES) {
            return 400;
        }
        targets.put(key, target.withBytes(bytes));
        return 200;
    }

    /** The bytes uploaded to a target, by its resourceUrl; empty when nothing was uploaded there. */
    public Optional<byte[]> uploaded(final String resourceUrl) {
        final int at = resourceUrl.indexOf(PATH);
        final Target target = at < 0 ? null : targets.get(resourceUrl.substring(at + PATH.length()));
        return target == null || target.bytes() == null ? Optional.empty() : Optional.of(target.bytes().clone());
    }

    void clear() {
        targets.clear();
    }
}
