package dev.kefu.outbox;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.transaction.support.TransactionOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class OutcomeWriterTests {

	final List<List<Integer>> rounds = Collections.synchronizedList(new ArrayList<>());

	final List<Integer> alone = Collections.synchronizedList(new ArrayList<>());

	@Test
	void writesOutcomesRecordedWhileARoundIsWrittenInTheNextRound() throws Exception {
		CountDownLatch firstRoundStarted = new CountDownLatch(1);
		CountDownLatch othersQueued = new CountDownLatch(1);
		OutcomeWriter<Integer> writer = new OutcomeWriter<>(TransactionOperations.withoutTransaction(), (round) -> {
			this.rounds.add(round);
		}, (one) -> {
			// a round of one is written alone; the first holds the writer until the
			// others queued
			firstRoundStarted.countDown();
			await(othersQueued);
			this.alone.add(one);
		});
		ExecutorService threads = Executors.newFixedThreadPool(9);
		try {
			Future<?> first = threads.submit(() -> writer.write(0));
			assertThat(firstRoundStarted.await(5, TimeUnit.SECONDS)).isTrue();
			List<Future<?>> others = new ArrayList<>();
			for (int i = 1; i <= 8; i++) {
				int outcome = i;
				others.add(threads.submit(() -> writer.write(outcome)));
			}
			Thread.sleep(200); // the eight wait behind the first round
			assertThat(others).noneMatch(Future::isDone);
			othersQueued.countDown();
			first.get(5, TimeUnit.SECONDS);
			for (Future<?> other : others) {
				other.get(5, TimeUnit.SECONDS);
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(this.alone).containsExactly(0);
		assertThat(this.rounds).hasSize(1);
		assertThat(this.rounds.get(0)).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
	}

	@Test
	void aFailedRoundIsWrittenOneByOneAndOnlyTheFailingOutcomeFails() throws Exception {
		CountDownLatch firstRoundStarted = new CountDownLatch(1);
		CountDownLatch othersQueued = new CountDownLatch(1);
		OutcomeWriter<Integer> writer = new OutcomeWriter<>(TransactionOperations.withoutTransaction(), (round) -> {
			throw new IllegalStateException("round refused");
		}, (one) -> {
			if (one == 0) {
				firstRoundStarted.countDown();
				await(othersQueued);
			}
			if (one == 2) {
				throw new IllegalStateException("outcome 2 refused");
			}
			this.alone.add(one);
		});
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			Future<?> first = threads.submit(() -> writer.write(0));
			assertThat(firstRoundStarted.await(5, TimeUnit.SECONDS)).isTrue();
			Future<?> one = threads.submit(() -> writer.write(1));
			Future<?> two = threads.submit(() -> writer.write(2));
			Future<?> three = threads.submit(() -> writer.write(3));
			Thread.sleep(200);
			othersQueued.countDown();
			first.get(5, TimeUnit.SECONDS);
			one.get(5, TimeUnit.SECONDS);
			three.get(5, TimeUnit.SECONDS);
			assertThatIllegalStateException().isThrownBy(() -> {
				try {
					two.get(5, TimeUnit.SECONDS);
				}
				catch (java.util.concurrent.ExecutionException ex) {
					throw (RuntimeException) ex.getCause();
				}
			}).withMessage("outcome 2 refused");
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(this.alone).containsExactlyInAnyOrder(0, 1, 3);
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
