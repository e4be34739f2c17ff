package dev.beacon.notifier.batching;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;

class GroupCommitTests {

	/** The groups and single items written, with the statements still running. */
	final List<List<Integer>> groups = new CopyOnWriteArrayList<>();

	final List<Integer> singles = new CopyOnWriteArrayList<>();

	final List<Sinks.Empty<Void>> running = new CopyOnWriteArrayList<>();

	GroupCommit<Integer> commit(int maxGroup, int concurrency) {
		return new GroupCommit<>((items) -> {
			this.groups.add(items);
			return statement();
		}, (item) -> {
			this.singles.add(item);
			return (item < 0) ? Mono.error(new IllegalArgumentException("negative")) : statement();
		}, maxGroup, concurrency);
	}

	private Mono<Void> statement() {
		Sinks.Empty<Void> done = Sinks.empty();
		this.running.add(done);
		return done.asMono();
	}

	@Test
	void writesAnItemAtOnceWhenNoStatementIsRunning() {
		GroupCommit<Integer> commit = commit(10, 1);
		boolean[] written = { false };

		commit.submit(1).subscribe(null, null, () -> written[0] = true);
		this.running.get(0).tryEmitEmpty();

		assertThat(this.singles).containsExactly(1);
		assertThat(written[0]).isTrue();
	}

	@Test
	void foldsItemsSubmittedWhileAStatementRunsIntoTheNextOneUpToTheGroupSize() {
		GroupCommit<Integer> commit = commit(3, 1);
		List<Integer> completed = new ArrayList<>();
		for (int i = 1; i <= 6; i++) {
			int item = i;
			commit.submit(item).subscribe(null, null, () -> completed.add(item));
		}
		// 1 went alone; 2..6 waited for it
		assertThat(this.singles).containsExactly(1);
		assertThat(this.groups).isEmpty();

		this.running.get(0).tryEmitEmpty();
		assertThat(this.groups).containsExactly(List.of(2, 3, 4));
		assertThat(completed).containsExactly(1);

		this.running.get(1).tryEmitEmpty();
		assertThat(this.groups).containsExactly(List.of(2, 3, 4), List.of(5, 6));
		this.running.get(2).tryEmitEmpty();
		assertThat(completed).containsExactly(1, 2, 3, 4, 5, 6);
	}

	@Test
	void runsAtMostTheGivenNumberOfStatementsAtOnce() {
		GroupCommit<Integer> commit = commit(10, 2);
		for (int i = 1; i <= 5; i++) {
			commit.submit(i).subscribe();
		}

		assertThat(this.running).hasSize(2);
		assertThat(this.singles).containsExactly(1, 2);
	}

	@Test
	void writesTheItemsOfAFailedGroupOneByOneSoABadItemFailsAlone() {
		Sinks.Empty<Void> first = Sinks.empty();
		GroupCommit<Integer> commit = new GroupCommit<>((items) -> {
			this.groups.add(items);
			return Mono.error(new IllegalStateException("a constraint"));
		}, (item) -> {
			this.singles.add(item);
			if (item == 0) {
				return first.asMono();
			}
			return (item < 0) ? Mono.error(new IllegalArgumentException("negative")) : Mono.empty();
		}, 10, 1);
		List<String> outcomes = new CopyOnWriteArrayList<>();
		// the first item's statement is held, so the next three wait and form a group
		commit.submit(0).subscribe();
		for (int item : List.of(7, -1, 8)) {
			commit.submit(item)
				.subscribe(null, (ex) -> outcomes.add(item + " failed: " + ex.getMessage()),
						() -> outcomes.add(item + " written"));
		}
		first.tryEmitEmpty();

		assertThat(this.groups).containsExactly(List.of(7, -1, 8));
		assertThat(this.singles).containsExactly(0, 7, -1, 8);
		assertThat(outcomes).containsExactly("7 written", "-1 failed: negative", "8 written");
	}

}
