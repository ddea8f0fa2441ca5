package io.yingji.storage.internal;

import io.yingji.storage.FileStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Files in a folder ({@code yingji.storage.dir}), one per key, grouped by month; keys are never paths users choose. */
@Component
class LocalFileStore implements FileStore {

    private static final Pattern KEY = Pattern.compile("\\d{6}/[0-9a-f-]{36}");

    private final Path root;

    LocalFileStore(@Value("${yingji.storage.dir:./data/files}") Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public String put(byte[] content) throws IOException {
        String month = LocalDate.now(ZoneOffset.UTC).toString().substring(0, 7).replace("-", "");
        String key = month + "/" + UUID.randomUUID();
        Path file = root.resolve(key);
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".part");
        Files.write(temporary, content, StandardOpenOption.CREATE_NEW);
        Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return key;
    }

    @Override
    public InputStream open(String key) throws IOException {
        if (!KEY.matcher(key).matches()) {
            throw new IOException("not a file key: " + key);
        }
        return Files.newInputStream(root.resolve(key));
    }
}
