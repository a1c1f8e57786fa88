package dev.kefu.outbox;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

import org.springframework.transaction.support.TransactionOperations;

/**
 * Commits the outcomes of attempts that end at the same time together (group commit), for
 * the senders: whoever records an outcome while no write is under way writes it, and goes
 * on writing what the others queued meanwhile, one transaction per round, until nothing
 * is left; the others wait for the round that holds theirs. Each caller returns once its
 * outcome is committed, as if it had written alone, so a SENT outcome is never
 * acknowledged before it is on record.
 * <p>
 * A round that fails is written again one outcome per statement, so that one outcome's
 * failure is that outcome's alone, and the caller retries or gives up as for a write of
 * its own.
 */
final class OutcomeWriter<T> {

	/** Outcomes written in one round at most. */
	private static final int MAX_ROUND = 256;

	private final TransactionOperations transactions;

	private final Consumer<List<T>> writeAll;

	private final Consumer<T> writeOne;

	private final ArrayDeque<Pending<T>> queue = new ArrayDeque<>();

	private boolean writing;

	/**
	 * @param writeAll writes outcomes in the current transaction
	 * @param writeOne writes one outcome on its own
	 */
	OutcomeWriter(TransactionOperations transactions, Consumer<List<T>> writeAll, Consumer<T> writeOne) {
		this.transactions = transactions;
		this.writeAll = writeAll;
		this.writeOne = writeOne;
	}

	/**
	 * Writes the outcome, together with those recorded at the same time; returns once it
	 * is committed.
	 */
	void write(T outcome) {
		Pending<T> pending = new Pending<>(outcome, new CompletableFuture<>());
		boolean lead;
		synchronized (this.queue) {
			this.queue.add(pending);
			lead = !this.writing;
			this.writing = true;
		}
		if (lead) {
			writeRounds();
		}
		try {
			pending.written().join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime : ex;
		}
	}

	private void writeRounds() {
		List<Pending<T>> round = new ArrayList<>();
		try {
			for (;;) {
				round.clear();
				synchronized (this.queue) {
					while (round.size() < MAX_ROUND && !this.queue.isEmpty()) {
						round.add(this.queue.poll());
					}
					if (round.isEmpty()) {
						this.writing = false;
						return;
					}
				}
				writeRound(round);
			}
		}
		catch (Error ex) {
			// nobody may wait for a writer that is gone
			synchronized (this.queue) {
				round.addAll(this.queue);
				this.queue.clear();
				this.writing = false;
			}
			round.forEach((pending) -> pending.written().completeExceptionally(ex));
			throw ex;
		}
	}

	private void writeRound(List<Pending<T>> round) {
		if (round.size() > 1) {
			try {
				this.transactions.executeWithoutResult(
						(status) -> this.writeAll.accept(round.stream().map(Pending::outcome).toList()));
				round.forEach((pending) -> pending.written().complete(null));
				return;
			}
			catch (RuntimeException ex) {
				// one by one below: each outcome's own failure goes to its own caller
			}
		}
		for (Pending<T> pending : round) {
			try {
				this.writeOne.accept(pending.outcome());
				pending.written().complete(null);
			}
			catch (RuntimeException ex) {
				pending.written().completeExceptionally(ex);
			}
		}
	}

	private record Pending<T>(T outcome, CompletableFuture<Void> written) {
	}

}
