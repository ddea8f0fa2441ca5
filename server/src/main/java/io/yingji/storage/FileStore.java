package io.yingji.storage;

import java.io.IOException;
import java.io.InputStream;

/**
 * Stores and serves file contents by key. Callers keep the metadata (name, type, owner) in their own
 * tables and decide who may read; the store only holds bytes. Several instances must share it (a
 * shared volume, or an object-storage implementation of this port).
 */
public interface FileStore {

    /** Stores the bytes and answers the new key. */
    String put(byte[] content) throws IOException;

    InputStream open(String key) throws IOException;
}
