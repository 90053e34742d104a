package dev.podloom.shows;

import dev.podloom.web.PublicBaseUrl;
import dev.podloom.auth.Caller;
import dev.podloom.pricing.Params;
import dev.podloom.web.ApiException;
import dev.podloom.web.ApiResponses;
import dev.podloom.web.Envelope;
import dev.podloom.web.ErrorCode;
import dev.podloom.web.JsonBody;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** Shows (ZenMic-style), their cover image (Jellypod-style raw upload) and their episodes. */
@Controller("/v1/shows")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ShowController {

    private static final Set<String> FIELDS =
            Set.of("title", "description", "language", "author", "category", "explicit", "owner_email", "intro_text",
                    "outro_text");
    private static final Set<String> EPISODE_FIELDS = Set.of("podcast_id", "title", "description");
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*");
    /** The longest {@code intro_text} / {@code outro_text}, as for a podcast request. */
    static final int MAX_INTRO_OUTRO_CHARS = 1_000;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    @Serdeable
    record ShowView(UUID showId, String title, String description, String language, String author, String category,
                    boolean explicit, String ownerEmail, int episodeCount, String feedUrl, String coverUrl,
                    Instant createdAt, Instant updatedAt, String introText, String outroText, ShowAudioView audio) {
    }

    /** Which of the show's intro, outro and music bed are set (null: not set). */
    @Serdeable
    record ShowAudioView(AudioView intro, AudioView outro, AudioView bed) {
    }

    @Serdeable
    record AudioView(double durationSeconds, String uploadedFormat, long uploadedBytes, Instant uploadedAt) {
    }

    @Serdeable
    record ShowPage(List<ShowView> shows, int page, int perPage, long total, boolean hasMore) {
    }

    @Serdeable
    record EpisodeView(UUID episodeId, UUID showId, UUID podcastId, int episodeNumber, String title,
                       String description, long durationSeconds, long sizeBytes, String audioUrl, String transcriptUrl,
                       String chaptersUrl, Instant publishedAt) {
    }

    @Serdeable
    record EpisodeList(List<EpisodeView> episodes) {
    }

    @Serdeable
    record Deleted(boolean deleted) {
    }

    private final Shows shows;
    private final PublicBaseUrl baseUrl;
    private final ShowAudioLibrary audio;

    public ShowController(Shows shows, PublicBaseUrl baseUrl, ShowAudioLibrary audio) {
        this.shows = shows;
        this.baseUrl = baseUrl;
        this.audio = audio;
    }

    @Post
    @Operation(operationId = "createShow", summary = "Create a show")
    @ApiResponse(responseCode = "201", description = "Created")
    public HttpResponse<Envelope> create(Caller caller, @Nullable @Body JsonNode body) {
        JsonBody json = JsonBody.of(body);
        ShowFields fields = fields(json, null);
        return ApiResponses.status(HttpStatus.CREATED, view(shows.create(caller.accountId(), fields)), Map.of());
    }

    @Get
    @Operation(operationId = "listShows", summary = "The caller's shows")
    public HttpResponse<Envelope> list(Caller caller, @Nullable @QueryValue String page,
                                       @Nullable @QueryValue("per_page") String perPage) {
        int pageNumber = Params.positiveInt("page", page, 1);
        int size = Params.positiveInt("per_page", perPage, 20);
        if (size > 100) {
            throw ApiException.invalid("per_page", "'per_page' must be at most 100, not " + size + ".");
        }
        long total = shows.count(caller.accountId());
        List<ShowView> items = shows.list(caller.accountId(), size, (pageNumber - 1) * size).stream()
                .map(this::view).toList();
        return ApiResponses.ok(new ShowPage(items, pageNumber, size, total, (long) pageNumber * size < total));
    }

    @Get("/{showId}")
    @Operation(operationId = "getShow", summary = "A show")
    public HttpResponse<Envelope> get(Caller caller, @PathVariable String showId) {
        return ApiResponses.ok(view(shows.owned(caller.accountId(), showUuid(showId))));
    }

    /** Partial update: only the fields sent change; {@code null} clears an optional field. */
    @Patch("/{showId}")
    @Operation(operationId = "updateShow", summary = "Change a show")
    public HttpResponse<Envelope> update(Caller caller, @PathVariable String showId, @Nullable @Body JsonNode body) {
        UUID id = showUuid(showId);
        Show current = shows.owned(caller.accountId(), id);
        ShowFields fields = fields(JsonBody.of(body), current);
        return ApiResponses.ok(view(shows.update(caller.accountId(), id, fields)));
    }

    @Delete("/{showId}")
    @Operation(operationId = "deleteShow", summary = "Delete a show")
    public HttpResponse<Envelope> delete(Caller caller, @PathVariable String showId) {
        shows.delete(caller.accountId(), showUuid(showId));
        return ApiResponses.ok(new Deleted(true));
    }

    /**
     * The raw image as the body, typed by {@code Content-Type}. Accepts any type at routing so a wrong one gets
     * our 415 naming the accepted types instead of the framework's.
     */
    @Put(uri = "/{showId}/cover", consumes = MediaType.ALL)
    @Operation(operationId = "putShowCover", summary = "Upload a show's cover image")
    public HttpResponse<Envelope> cover(Caller caller, @PathVariable String showId,
                                        @Nullable @Header(HttpHeaders.CONTENT_TYPE) String contentType,
                                        @Nullable @Body byte[] image) {
        UUID id = showUuid(showId);
        shows.owned(caller.accountId(), id);
        CoverImage.Format sent = CoverImage.Format.ofContentType(contentType).orElseThrow(() -> new ApiException(
                ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the cover as image/jpeg, image/png or image/webp, not "
                + (contentType == null ? "(no Content-Type)" : contentType) + ".",
                Map.of("accepted", List.of("image/jpeg", "image/png", "image/webp"))));
        CoverImage.Format format = sent;
        if (image == null || image.length == 0) {
            throw ApiException.invalid("body", "The request body must be the image's bytes.");
        }
        if (image.length > CoverImage.MAX_BYTES) {
            throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "The cover image is " + image.length
                    + " bytes; the limit is " + CoverImage.MAX_BYTES + " (10 MB).",
                    Map.of("size_bytes", image.length, "max_bytes", CoverImage.MAX_BYTES));
        }
        CoverImage.Dimensions size;
        try {
            size = CoverImage.dimensions(format, image);
        } catch (CoverImage.UnreadableImageException e) {
            throw ApiException.invalid("body", e.getMessage());
        }
        CoverImage.problem(size).ifPresent(problem -> {
            throw new ApiException(ErrorCode.INVALID_REQUEST, problem, Map.of("field", "body", "width", size.width(),
                    "height", size.height(), "min_side", CoverImage.MIN_SIDE, "max_side", CoverImage.MAX_SIDE));
        });
        if (format == CoverImage.Format.WEBP) {
            // Apple Podcasts takes only JPEG and PNG: a WebP cover is stored as PNG.
            try {
                image = CoverImage.webpToPng(image);
            } catch (CoverImage.UnreadableImageException e) {
                throw ApiException.invalid("body", e.getMessage());
            }
            format = CoverImage.Format.PNG;
        }
        Path temp = null;
        try {
            temp = Files.createTempFile("podloom-cover-", "." + format.extension());
            Files.write(temp, image);
            return ApiResponses.ok(view(shows.setCover(caller.accountId(), id, format, temp)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /**
     * The show's intro, outro or music bed as the raw body: MP3 ({@code audio/mpeg}) or WAV ({@code audio/wav}).
     * Episodes made for the show ({@code show_id}) start with the intro, end with the outro and have the bed under
     * their speech. Accepts any type at routing so a wrong one gets our 415 naming the accepted types.
     */
    @Put(uri = "/{showId}/audio/{kind}", consumes = MediaType.ALL)
    @Operation(operationId = "putShowAudio", summary = "Upload a show's intro, outro or music bed")
    public HttpResponse<Envelope> putAudio(Caller caller, @PathVariable String showId, @PathVariable String kind,
                                           @Nullable @Header(HttpHeaders.CONTENT_TYPE) String contentType,
                                           @Nullable @Body byte[] body) {
        UUID id = showUuid(showId);
        shows.owned(caller.accountId(), id);
        ShowAudioKind audioKind = audioKind(kind);
        ShowAudioLibrary.CheckedAudio checked = audio.check(audioKind, contentType, body);
        audio.put(caller.accountId(), id, audioKind, checked);
        return ApiResponses.ok(view(shows.owned(caller.accountId(), id)));
    }

    @Delete("/{showId}/audio/{kind}")
    @Operation(operationId = "deleteShowAudio", summary = "Remove a show's intro, outro or music bed")
    public HttpResponse<Envelope> deleteAudio(Caller caller, @PathVariable String showId, @PathVariable String kind) {
        UUID id = showUuid(showId);
        shows.owned(caller.accountId(), id);
        audio.delete(caller.accountId(), id, audioKind(kind));
        return ApiResponses.ok(view(shows.owned(caller.accountId(), id)));
    }

    private static ShowAudioKind audioKind(String kind) {
        return ShowAudioKind.of(kind).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
                "A show has no audio called '" + kind + "': use intro, outro or bed.",
                Map.of("kind", kind, "kinds", ShowAudioKind.ids())));
    }

    @Post("/{showId}/episodes")
    @Operation(operationId = "addEpisode", summary = "Add a completed podcast as the next episode")
    @ApiResponse(responseCode = "201", description = "Created")
    public HttpResponse<Envelope> addEpisode(Caller caller, @PathVariable String showId,
                                             @Nullable @Body JsonNode body) {
        UUID id = showUuid(showId);
        JsonBody json = JsonBody.of(body);
        String podcastId = json.requiredString("podcast_id", 64).orElse(null);
        String title = json.string("title", 500).filter(s -> !s.isEmpty()).orElse(null);
        String description = json.string("description", 4000).filter(s -> !s.isEmpty()).orElse(null);
        json.finish(EPISODE_FIELDS);
        UUID podcast;
        try {
            podcast = UUID.fromString(podcastId);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.PODCAST_NOT_FOUND, "Podcast " + podcastId + " was not found.",
                    Map.of("podcast_id", podcastId));
        }
        Show show = shows.owned(caller.accountId(), id);
        Episode episode = shows.addEpisode(caller.accountId(), id, podcast, title, description);
        return ApiResponses.status(HttpStatus.CREATED, view(show, episode), Map.of());
    }

    @Get("/{showId}/episodes")
    @Operation(operationId = "listEpisodes", summary = "A show's episodes")
    public HttpResponse<Envelope> episodes(Caller caller, @PathVariable String showId) {
        UUID id = showUuid(showId);
        Show show = shows.owned(caller.accountId(), id);
        return ApiResponses.ok(new EpisodeList(shows.episodes(caller.accountId(), id).stream()
                .map(e -> view(show, e)).toList()));
    }

    @Get("/{showId}/episodes/{episodeId}")
    @Operation(operationId = "getEpisode", summary = "An episode")
    public HttpResponse<Envelope> episode(Caller caller, @PathVariable String showId,
                                          @PathVariable String episodeId) {
        UUID id = showUuid(showId);
        Show show = shows.owned(caller.accountId(), id);
        return ApiResponses.ok(view(show, shows.episode(caller.accountId(), id, episodeUuid(episodeId))));
    }

    @Delete("/{showId}/episodes/{episodeId}")
    @Operation(operationId = "removeEpisode", summary = "Remove an episode")
    public HttpResponse<Envelope> removeEpisode(Caller caller, @PathVariable String showId,
                                                @PathVariable String episodeId) {
        shows.removeEpisode(caller.accountId(), showUuid(showId), episodeUuid(episodeId));
        return ApiResponses.ok(new Deleted(true));
    }

    /** Validates a create ({@code current == null}) or a patch merged onto {@code current}. */
    private static ShowFields fields(JsonBody json, Show current) {
        boolean creating = current == null;
        String title = creating ? json.requiredString("title", 300).orElse(null)
                : json.string("title", 300).orElse(current.title());
        if (!creating && title != null && title.isEmpty()) {
            json.reject("title", "must not be empty");
        }
        String description = json.string("description", 4000)
                .orElse(creating || sentNull(json, "description") ? "" : current.description());
        String language = json.string("language", 35).orElse(creating ? "en" : current.language());
        if (!LANGUAGE_TAG.matcher(language).matches()) {
            json.reject("language", "must be a language code such as en, en-US, es or fr");
        }
        String author = optional(json, "author", 200, creating ? null : current.author());
        String category = optional(json, "category", 100, creating ? null : current.category());
        if (category != null && json.has("category")) {
            category = AppleCategories.canonical(category).orElse(null);
            if (category == null) {
                json.reject("category", "must be one of Apple Podcasts' categories: "
                        + String.join(", ", AppleCategories.TOP_LEVEL));
            }
        }
        boolean explicit = json.bool("explicit").orElse(!creating && current.explicit());
        String ownerEmail = optional(json, "owner_email", 320, creating ? null : current.ownerEmail());
        if (ownerEmail != null && json.has("owner_email") && !EMAIL.matcher(ownerEmail).matches()) {
            json.reject("owner_email", "must be an e-mail address");
        }
        String introText = optional(json, "intro_text", MAX_INTRO_OUTRO_CHARS, creating ? null : current.introText());
        String outroText = optional(json, "outro_text", MAX_INTRO_OUTRO_CHARS, creating ? null : current.outroText());
        json.finish(FIELDS);
        return new ShowFields(title, description, language, author, category, explicit, ownerEmail, introText,
                outroText);
    }

    /** An optional text field: sent → its value (blank clears), sent as null → cleared, absent → {@code keep}. */
    private static String optional(JsonBody json, String field, int maxLength, String keep) {
        if (sentNull(json, field)) {
            return null;
        }
        if (json.raw().get(field) == null) {
            return keep;
        }
        return json.string(field, maxLength).filter(s -> !s.isEmpty()).orElse(null);
    }

    private static boolean sentNull(JsonBody json, String field) {
        JsonNode v = json.raw().get(field);
        return v != null && v.isNull();
    }

    private ShowView view(Show s) {
        String base = baseUrl.get();
        return new ShowView(s.id(), s.title(), s.description(), s.language(), s.author(), s.category(), s.explicit(),
                s.ownerEmail(), s.episodeCount(), RssFeed.feedUrl(base, s.publicId()), RssFeed.coverUrl(base, s),
                s.createdAt(), s.updatedAt(), s.introText(), s.outroText(), audioView(s.id()));
    }

    private ShowAudioView audioView(UUID showId) {
        Map<ShowAudioKind, ShowAudioFile> files = audio.of(showId);
        java.util.function.Function<ShowAudioKind, AudioView> one = kind -> {
            ShowAudioFile f = files.get(kind);
            return f == null ? null : new AudioView(Math.round(f.durationSeconds() * 1000) / 1000.0,
                    f.uploadedFormat(), f.uploadedBytes(), f.uploadedAt());
        };
        return new ShowAudioView(one.apply(ShowAudioKind.INTRO), one.apply(ShowAudioKind.OUTRO),
                one.apply(ShowAudioKind.BED));
    }

    private EpisodeView view(Show show, Episode e) {
        String base = baseUrl.get();
        return new EpisodeView(e.id(), show.id(), e.podcastId(), e.number(), e.title(), e.description(),
                Math.round(e.durationSeconds()), e.audioBytes(), RssFeed.mediaUrl(base, show, e.id(), ".mp3"),
                e.transcriptKey() == null ? null : RssFeed.mediaUrl(base, show, e.id(), ".vtt"),
                e.chaptersKey() == null ? null : RssFeed.mediaUrl(base, show, e.id(), ".chapters.json"),
                e.publishedAt());
    }

    /** A malformed id cannot name a show: answered like an unknown one. */
    private static UUID showUuid(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw Shows.showNotFound(raw);
        }
    }

    private static UUID episodeUuid(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw Shows.episodeNotFound(raw);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
        }
    }
}
