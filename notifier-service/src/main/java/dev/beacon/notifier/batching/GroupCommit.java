package dev.beacon.notifier.batching;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Writes that many callers make at once, folded into one statement per group (group
 * commit): each {@link #submit} completes when the statement that carries it has
 * completed. While {@code concurrency} statements are running, new items wait and go
 * together into the next one, so a quiet system writes each item at once and a busy one
 * writes hundreds per round trip instead of one (a fan-out to 10,000 subscribers made
 * 10,000 single-row statements). When a group's statement fails, its items are written
 * one by one, so one bad item (a row that breaks a constraint) fails alone.
 *
 * @param <T> what is written
 */
public final class GroupCommit<T> {

	private final Function<List<T>, Mono<Void>> group;

	private final Function<T, Mono<Void>> single;

	private final int maxGroup;

	private final int concurrency;

	private final Queue<Waiting<T>> queue = new ConcurrentLinkedQueue<>();

	private final AtomicInteger running = new AtomicInteger();

	/**
	 * @param group writes a group of items in one statement
	 * @param single writes one item (when its group's statement failed)
	 * @param maxGroup the most items per statement
	 * @param concurrency the most statements running at once
	 */
	public GroupCommit(Function<List<T>, Mono<Void>> group, Function<T, Mono<Void>> single, int maxGroup,
			int concurrency) {
		this.group = group;
		this.single = single;
		this.maxGroup = maxGroup;
		this.concurrency = concurrency;
	}

	/** Writes {@code item} with the next group; completes when it was written. */
	public Mono<Void> submit(T item) {
		return Mono.create((sink) -> {
			this.queue.add(new Waiting<>(item, sink));
			drain();
		});
	}

	private void drain() {
		// whoever adds an item or ends a statement drains: one of them sees the other's
		// change, so no item is left waiting with no statement running
		while (!this.queue.isEmpty()) {
			int now = this.running.get();
			if (now >= this.concurrency) {
				return;
			}
			if (!this.running.compareAndSet(now, now + 1)) {
				continue;
			}
			List<Waiting<T>> batch = new ArrayList<>();
			for (Waiting<T> next = this.queue.poll(); next != null; next = this.queue.poll()) {
				batch.add(next);
				if (batch.size() >= this.maxGroup) {
					break;
				}
			}
			if (batch.isEmpty()) {
				this.running.decrementAndGet();
				continue;
			}
			write(batch).doFinally((signal) -> {
				this.running.decrementAndGet();
				drain();
			}).subscribe();
		}
	}

	private Mono<Void> write(List<Waiting<T>> batch) {
		List<T> items = batch.stream().map(Waiting::item).toList();
		Mono<Void> together = Mono
			.defer(() -> (batch.size() == 1) ? this.single.apply(items.get(0)) : this.group.apply(items));
		return together.doOnSuccess((ignored) -> batch.forEach((waiting) -> waiting.sink().success()))
			.onErrorResume((ex) -> (batch.size() == 1) ? fail(batch.get(0), ex) : oneByOne(batch));
	}

	private Mono<Void> oneByOne(List<Waiting<T>> batch) {
		return Flux.fromIterable(batch)
			.concatMap((waiting) -> Mono.defer(() -> this.single.apply(waiting.item()))
				.doOnSuccess((ignored) -> waiting.sink().success())
				.onErrorResume((ex) -> fail(waiting, ex)))
			.then();
	}

	private Mono<Void> fail(Waiting<T> waiting, Throwable ex) {
		waiting.sink().error(ex);
		return Mono.empty();
	}

	private record Waiting<T>(T item, MonoSink<Void> sink) {
	}

}
