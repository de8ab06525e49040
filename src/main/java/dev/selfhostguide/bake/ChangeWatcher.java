package dev.selfhostguide.bake;

import dev.selfhostguide.content.Project;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Watches a guide's sources (content/ and templates/, recursively, and jbake.properties) and hands
 * each burst of changes to one consumer, on one thread of its own, once the files have been quiet
 * for a short while, so an editor's save (often a write, a rename and an attribute change) is one
 * rebuild. Changes that arrive while the consumer runs make the next batch. Editor swap and backup
 * files are not changes. target/ is never watched, so the site a rebuild writes cannot trigger one.
 */
public final class ChangeWatcher implements AutoCloseable {

    /** How long the files must be quiet before a batch is delivered. */
    public static final long QUIET_MILLIS = 100;
    /** A batch is delivered at the latest this long after its first change, even if changes continue. */
    private static final long MAX_WAIT_MILLIS = 1_000;

    private final Project project;
    private final WatchService service;
    private final Map<WatchKey, Path> dirs = new ConcurrentHashMap<>();
    private final Consumer<Set<Path>> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    private ChangeWatcher(Project project, Consumer<Set<Path>> consumer) throws IOException {
        this.project = project;
        this.consumer = consumer;
        this.service = FileSystems.getDefault().newWatchService();
        registerTree(project.content());
        registerTree(project.templates());
        register(project.root());               // for jbake.properties only
        this.thread = new Thread(this::loop, "guide-watch");
        this.thread.setDaemon(true);
    }

    /** Starts watching; {@code consumer} gets the changed (added, modified or deleted) files, absolute. */
    public static ChangeWatcher start(Project project, Consumer<Set<Path>> consumer) throws IOException {
        ChangeWatcher watcher = new ChangeWatcher(project, consumer);
        watcher.thread.start();
        return watcher;
    }

    @Override
    public void close() {
        running = false;
        try {
            service.close();
        } catch (IOException e) {
            // closing wakes the thread either way
        }
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        while (running) {
            try {
                WatchKey first = service.take();
                Set<Path> batch = new TreeSet<>();
                drain(first, batch);
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_WAIT_MILLIS);
                while (System.nanoTime() < deadline) {
                    WatchKey next = service.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS);
                    if (next == null) {
                        break;
                    }
                    drain(next, batch);
                }
                if (!batch.isEmpty() && running) {
                    consumer.accept(batch);
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            } catch (RuntimeException e) {
                // a rebuild must never end the watch; the consumer reports its own problems
            }
        }
    }

    private void drain(WatchKey key, Set<Path> batch) {
        Path dir = dirs.get(key);
        for (WatchEvent<?> event : key.pollEvents()) {
            if (dir == null) {
                continue;
            }
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                batch.add(project.templates());  // lost events: a change under templates/ means a full rebuild
                continue;
            }
            Path changed = dir.resolve((Path) event.context()).toAbsolutePath().normalize();
            if (dir.equals(project.root())) {
                if (changed.getFileName().toString().equals("jbake.properties")) {
                    batch.add(changed);
                }
                continue;
            }
            if (isNoise(changed)) {
                continue;
            }
            batch.add(changed);
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(changed)) {
                registerTree(changed);
                // files written before the folder was watched: report them, they are new
                try (Stream<Path> walk = Files.walk(changed)) {
                    walk.filter(Files::isRegularFile).filter(p -> !isNoise(p)).forEach(batch::add);
                } catch (IOException | RuntimeException e) {
                    // gone again
                }
            }
        }
        if (!key.reset()) {
            dirs.remove(key);
        }
    }

    /** Swap, backup and lock files of editors, and other hidden files (but not .jbakeignore). */
    static boolean isNoise(Path file) {
        String name = file.getFileName().toString();
        if (name.equals(".jbakeignore")) {
            return false;
        }
        return name.startsWith(".") || name.startsWith("#") || name.endsWith("~") || name.equals("4913")
            || name.endsWith(".swp") || name.endsWith(".swx") || name.endsWith(".tmp");
    }

    private void registerTree(Path root) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    register(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // a folder that cannot be listed cannot be watched either
        }
    }

    private void register(Path dir) {
        try {
            WatchKey key = dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
            dirs.put(key, dir.toAbsolutePath().normalize());
        } catch (IOException | RuntimeException e) {
            // gone before it could be watched
        }
    }
}
