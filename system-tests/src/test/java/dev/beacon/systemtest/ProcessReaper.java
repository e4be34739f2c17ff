package dev.beacon.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Every process the test starts, so that none outlives it: each is killed (with its
 * descendants) when the test ends, when its JVM exits, and, should the JVM itself have
 * been killed, at the start of the next run — from a file of process ids with their start
 * times, so that a recycled id is never mistaken for one of ours.
 */
final class ProcessReaper implements AutoCloseable {

	private static final Duration EXIT_WAIT = Duration.ofSeconds(30);

	private final Set<ProcessHandle> live = ConcurrentHashMap.newKeySet();

	private final Path pidFile;

	private final Thread shutdownHook = new Thread(this::killAll, "process-reaper");

	ProcessReaper(Path pidFile) {
		this.pidFile = pidFile;
		reapLeftovers(pidFile);
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
	}

	/** Starts a process and remembers it. */
	Process start(ProcessBuilder builder) {
		try {
			Process process = builder.start();
			adopt(process.toHandle());
			return process;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + builder.command(), ex);
		}
	}

	/**
	 * Remembers a process the test did not start itself (a daemon that a tool it ran left
	 * behind, such as PostgreSQL's postmaster).
	 */
	void adopt(ProcessHandle handle) {
		this.live.add(handle);
		String start = handle.info().startInstant().map(Object::toString).orElse("?");
		try {
			Files.writeString(this.pidFile, handle.pid() + " " + start + System.lineSeparator(), StandardCharsets.UTF_8,
					StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not record process " + handle.pid(), ex);
		}
	}

	/**
	 * {@code kill -9}: the process and its descendants die at once; waits for the exit.
	 */
	void kill(ProcessHandle handle) {
		List<ProcessHandle> descendants = handle.descendants().toList();
		handle.destroyForcibly();
		descendants.forEach(ProcessHandle::destroyForcibly);
		awaitExit(handle);
		descendants.forEach(ProcessReaper::awaitExit);
		this.live.remove(handle);
	}

	/** Forgets a process that has exited by itself or was stopped by its own tool. */
	void forget(ProcessHandle handle) {
		this.live.remove(handle);
	}

	private static void awaitExit(ProcessHandle handle) {
		try {
			handle.onExit().get(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Process " + handle.pid() + " did not exit after kill -9", ex);
		}
	}

	private void killAll() {
		for (ProcessHandle handle : new ArrayList<>(this.live)) {
			try {
				kill(handle);
			}
			catch (RuntimeException ex) {
				System.err.println("Could not kill process " + handle.pid() + ": " + ex.getMessage());
			}
		}
	}

	@Override
	public void close() {
		killAll();
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// the JVM is already shutting down and runs the hook itself
		}
	}

	private static void reapLeftovers(Path pidFile) {
		if (!Files.exists(pidFile)) {
			return;
		}
		try {
			for (String line : Files.readAllLines(pidFile, StandardCharsets.UTF_8)) {
				String[] parts = line.trim().split(" ");
				if (parts.length == 2) {
					leftover(Long.parseLong(parts[0]), parts[1]).ifPresent((handle) -> {
						System.err.println("Killing process " + handle.pid() + " left over by an earlier run");
						handle.descendants().forEach(ProcessHandle::destroyForcibly);
						handle.destroyForcibly();
						awaitExit(handle);
					});
				}
			}
			Files.delete(pidFile);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + pidFile, ex);
		}
	}

	private static Optional<ProcessHandle> leftover(long pid, String start) {
		return ProcessHandle.of(pid)
			.filter(ProcessHandle::isAlive)
			.filter((handle) -> handle.info().startInstant().map(Object::toString).orElse("?").equals(start));
	}

}
