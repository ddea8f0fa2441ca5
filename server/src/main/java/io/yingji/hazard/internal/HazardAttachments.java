package io.yingji.hazard.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yingji.access.Caller;
import io.yingji.access.CallerContext;
import io.yingji.access.Permissions;
import io.yingji.audit.AuditTrail;
import io.yingji.shared.Problem;
import io.yingji.shared.UtcTimestamps;
import io.yingji.storage.FileStore;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Photos and documents of a hazard. The type is decided from the file's own first bytes (JPEG, PNG,
 * WebP, PDF), never from its name or the browser's claim; the size limit is the multipart limit.
 * Reading and adding follow the hazard's scope: 404 for a hazard one may not see, 403 to add to it.
 */
@RestController
@Tag(name = "隐患排查治理 Hidden hazards")
class HazardAttachments {

    /** {@code eventId}: the history entry (step) it is the evidence of, null while no step named it. */
    record Attachment(long id, String filename, String contentType, long sizeBytes, String uploadedBy, Instant uploadedAt,
                      @org.jspecify.annotations.Nullable Long eventId) {
    }

    private final HazardRepository hazards;
    private final JdbcClient jdbc;
    private final FileStore files;
    private final CallerContext callers;
    private final AuditTrail audit;
    private final Clock clock;
    private final Duration publicWindow;
    private final PublicReportLimit limit;
    private final int publicMax;

    HazardAttachments(HazardRepository hazards, JdbcClient jdbc, FileStore files, CallerContext callers, AuditTrail audit,
                      Clock clock, @Value("${yingji.hazard.public-attachment-window:PT1H}") Duration publicWindow,
                      @Value("${yingji.hazard.public-attachments-max:3}") int publicMax, PublicReportLimit limit) {
        this.limit = limit;
        this.publicWindow = publicWindow;
        this.publicMax = publicMax;
        this.hazards = hazards;
        this.jdbc = jdbc;
        this.files = files;
        this.callers = callers;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping("/api/hazards/{id}/attachments")
    @Operation(summary = "The hazard's photos and documents")
    List<Attachment> list(@PathVariable long id) {
        visible(id);
        return jdbc.sql("select * from hazard_attachment where hazard_id = :id order by id").param("id", id)
                .query((rs, n) -> new Attachment(rs.getLong("id"), rs.getString("filename"), rs.getString("content_type"),
                        rs.getLong("size_bytes"), rs.getString("uploaded_by"), UtcTimestamps.read(rs, "uploaded_at"),
                        rs.getObject("event_id", Long.class)))
                .list();
    }

    @PostMapping(path = "/api/hazards/{id}/attachments", consumes = "multipart/form-data")
    @Operation(summary = "Add a photo (JPEG, PNG, WebP) or a PDF to a hazard")
    @Transactional
    ResponseEntity<Attachment> add(@PathVariable long id, @RequestParam("file") MultipartFile file) throws IOException {
        HazardRepository.HazardView hazard = hazards.findVisible(id)
                .orElseThrow(() -> Problem.outOfScope("hazard", id));
        Caller caller = callers.require();
        if (!mayAttach(caller, id)) {
            throw Problem.forbidden();
        }
        if (hazard.status().equals("CLOSED") || hazard.status().equals("DISMISSED")) {
            throw Problem.conflict("hazard.attachment.closed");
        }
        Attachment stored = store(id, hazard.regionCode(), file, caller.username(), false);
        return ResponseEntity.created(URI.create("/api/hazards/" + id + "/attachments/" + stored.id())).body(stored);
    }

    /**
     * Those who verify or remediate hazards attach evidence to any hazard they can see; one who may only
     * report (a grid worker) attaches to the hazards they reported themselves, never to another's.
     */
    private boolean mayAttach(Caller caller, long hazardId) {
        if (caller.can(Permissions.HAZARD_VERIFY) || caller.can(Permissions.HAZARD_REMEDIATE)) {
            return true;
        }
        return caller.can(Permissions.HAZARD_REPORT) && jdbc.sql("select count(*) from hazard where id = :id and reporter_id = :user")
                .param("id", hazardId).param("user", caller.userId()).query(Long.class).single() > 0;
    }

    /**
     * A photo or PDF from the citizen who made a public report: allowed only with the report's tracking
     * code, within {@code yingji.hazard.public-attachment-window} of the report and up to
     * {@code yingji.hazard.public-attachments-max} files, so the open form cannot become free file storage.
     */
    @PostMapping(path = "/public/hazards/{trackingCode}/attachments", consumes = "multipart/form-data")
    @Operation(summary = "Add a photo (JPEG, PNG, WebP) or a PDF to one's own public report, soon after making it")
    @Transactional
    ResponseEntity<Attachment> addPublicly(@PathVariable String trackingCode, @RequestParam("file") MultipartFile file,
                                           jakarta.servlet.http.HttpServletRequest request) throws IOException {
        if (!limit.allowUpload(request.getRemoteAddr())) {
            throw new Problem(429, "hazard.public.too-many");
        }
        HazardRepository.HazardView hazard = hazards.publicReport(trackingCode)
                .orElseThrow(() -> Problem.notFound("hazard", trackingCode));
        if (hazard.reportedAt().plus(publicWindow).isBefore(clock.instant())) {
            throw Problem.conflict("hazard.attachment.public-window", publicWindow.toMinutes());
        }
        // serialises concurrent uploads to one report, so the count below cannot be raced past
        hazards.lock(hazard.id());
        if (hazards.publicAttachmentCount(hazard.id()) >= publicMax) {
            throw Problem.conflict("hazard.attachment.public-max", publicMax);
        }
        Attachment stored = store(hazard.id(), hazard.regionCode(), file, "public", true);
        return ResponseEntity.status(201).body(stored);
    }

    private Attachment store(long id, String regionCode, MultipartFile file, String uploadedBy, boolean anonymous) throws IOException {
        byte[] content = file.getBytes();
        String type = sniff(content);
        if (type == null) {
            throw Problem.invalid("file", "hazard.attachment.type");
        }
        if (anonymous) {
            // a citizen's photo must not give away where they live or which phone they have
            content = PhotoMetadata.strip(content, type);
        }
        String filename = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank() ? "attachment"
                : file.getOriginalFilename().replaceAll("[\\\\/\\r\\n\"]", "_");
        if (filename.length() > 255) {
            filename = filename.substring(filename.length() - 255);
        }
        String key = files.put(content);
        Instant now = clock.instant();
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into hazard_attachment (hazard_id, filename, content_type, size_bytes, sha256, storage_key, uploaded_by, uploaded_at)
                values (:hazard, :filename, :type, :size, :sha, :key, :by, :at)""")
                .param("hazard", id).param("filename", filename).param("type", type).param("size", content.length)
                .param("sha", sha256(content)).param("key", key).param("by", uploadedBy).param("at", UtcTimestamps.of(now))
                .update(keys, "id");
        long attachment = keys.getKeyAs(Number.class).longValue();
        audit.record("hazard.attach", "hazard", String.valueOf(id), regionCode,
                Map.of("attachment", attachment, "filename", filename, "bytes", content.length));
        return new Attachment(attachment, filename, type, content.length, uploadedBy, now, null);
    }

    @GetMapping("/api/hazards/{id}/attachments/{attachmentId}")
    @Operation(summary = "Download an attachment (only within the hazard's scope)")
    void download(@PathVariable long id, @PathVariable long attachmentId, HttpServletResponse response) throws IOException {
        visible(id);
        record Stored(String filename, String type, String key) {
        }
        Stored stored = jdbc.sql("select filename, content_type, storage_key from hazard_attachment where id = :a and hazard_id = :h")
                .param("a", attachmentId).param("h", id)
                .query((rs, n) -> new Stored(rs.getString("filename"), rs.getString("content_type"), rs.getString("storage_key")))
                .optional().orElseThrow(() -> Problem.notFound("attachment", attachmentId));
        response.setContentType(stored.type());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                .filename(stored.filename(), StandardCharsets.UTF_8).build().toString());
        response.setHeader("X-Content-Type-Options", "nosniff");
        try (InputStream in = files.open(stored.key())) {
            in.transferTo(response.getOutputStream());
        }
    }

    private void visible(long id) {
        callers.requirePermission(Permissions.HAZARD_READ);
        hazards.findVisible(id).orElseThrow(() -> Problem.notFound("hazard", id));
    }

    /** The type by the file's signature; null for anything else (executables, HTML, SVG with scripts …). */
    static @org.jspecify.annotations.Nullable String sniff(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
            return "image/jpeg";
        }
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "image/png";
        }
        if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E'
                && b[10] == 'B' && b[11] == 'P') {
            return "image/webp";
        }
        if (b.length >= 5 && b[0] == '%' && b[1] == 'P' && b[2] == 'D' && b[3] == 'F' && b[4] == '-') {
            return "application/pdf";
        }
        return null;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
