package io.jnetlink.core.posix;

import io.jnetlink.core.Errno;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** How a failed call on a file becomes an {@link java.io.IOException}: the file, the call and the errno's name. */
final class FileFailure {

    private FileFailure() {
    }

    /**
     * {@link NoSuchFileException} for {@code ENOENT}, {@link AccessDeniedException} for
     * {@code EACCES} and {@code EPERM}, else a {@link FileSystemException}; each message reads
     * {@code <file>: <call> failed: ELOOP (Too many levels of symbolic links)}.
     */
    static FileSystemException of(Path file, String call, int errno) {
        String reason = call + " failed: " + new Errno(errno);
        return switch (errno) {
            case Errno.ENOENT -> new NoSuchFileException(file.toString(), null, reason);
            case Errno.EACCES, Errno.EPERM -> new AccessDeniedException(file.toString(), null, reason);
            default -> new FileSystemException(file.toString(), null, reason);
        };
    }
}
