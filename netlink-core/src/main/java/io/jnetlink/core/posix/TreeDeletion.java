package io.jnetlink.core.posix;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Deletes a directory tree without following links. On Linux every directory is opened relative
 * to its parent's descriptor ({@link SecureDirectoryStream}, {@code openat} with
 * {@code O_NOFOLLOW}), so a link swapped in while it runs is deleted rather than entered; where
 * the platform offers no such stream, a {@link Files#walkFileTree} that does not follow links.
 */
final class TreeDeletion {

    private TreeDeletion() {
    }

    static void delete(Path root) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(root, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        if (attributes.isDirectory()) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
                if (entries instanceof SecureDirectoryStream<Path> secure) {
                    empty(secure);
                } else {
                    walk(root);
                    return;
                }
            } catch (NoSuchFileException e) {
                return;
            }
        }
        Files.deleteIfExists(root);
    }

    /** Deletes every entry of {@code directory}, descending into directories without following links. */
    private static void empty(SecureDirectoryStream<Path> directory) throws IOException {
        for (Path entry : directory) {
            Path name = entry.getFileName();
            try {
                BasicFileAttributes attributes = directory.getFileAttributeView(name, BasicFileAttributeView.class,
                        LinkOption.NOFOLLOW_LINKS).readAttributes();
                if (attributes.isDirectory()) {
                    try (SecureDirectoryStream<Path> child = directory.newDirectoryStream(name,
                            LinkOption.NOFOLLOW_LINKS)) {
                        empty(child);
                    }
                    directory.deleteDirectory(name);
                } else {
                    directory.deleteFile(name);
                }
            } catch (NoSuchFileException vanished) {
                // deleted meanwhile: what was wanted
            }
        }
    }

    private static void walk(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
