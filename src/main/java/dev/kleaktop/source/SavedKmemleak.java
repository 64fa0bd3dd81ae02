package dev.kleaktop.source;

import dev.kleaktop.model.KmemleakReport;
import dev.kleaktop.source.parse.KmemleakParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A kmemleak report saved to a file ({@code --kmemleak-file}), streamed through the parser. */
public final class SavedKmemleak {
    private SavedKmemleak() {}

    public static KmemleakReport read(Path file) throws SourceException {
        if (Files.isDirectory(file)) {
            throw new SourceException(file.toString(), "is a directory", "give the path of a saved kmemleak report");
        }
        KmemleakParser parser = new KmemleakParser();
        try (InputStream in = Files.newInputStream(file)) {
            LineReader lines = new LineReader(in, 16 * 1024, false);
            String l;
            while ((l = lines.next()) != null) parser.accept(l);
        } catch (NoSuchFileException e) {
            throw new SourceException(file.toString(), "not found", "", e);
        } catch (AccessDeniedException e) {
            throw new SourceException(file.toString(), "permission denied", "make the file readable", e);
        } catch (FileSystemException e) {
            throw new SourceException(file.toString(), e.getReason() == null ? e.getClass().getSimpleName() : e.getReason(), "", e);
        } catch (IOException e) {
            throw new SourceException(file.toString(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), "", e);
        }
        return parser.finish();
    }
}
