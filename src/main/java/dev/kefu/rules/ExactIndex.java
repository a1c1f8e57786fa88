package dev.kefu.rules;

import java.util.Arrays;

/**
 * Normalised keyword text → the ranks of its candidates, ascending. An open-addressing table
 * probed by the text's hash first (0 marks an empty slot), so a message that is no keyword (most
 * of them) usually costs one array read after hashing, and a hit one string comparison.
 */
final class ExactIndex {

	private final int[] hashes;

	private final String[] texts;

	/** The only rank of a slot's text, or -1 when it has several (then see {@link #shared}). */
	private final int[] rank;

	private final int[][] shared;

	private final int mask;

	/** @param texts the text of each rank, {@code null} for ranks that are not EXACT */
	ExactIndex(String[] texts) {
		int count = 0;
		for (String text : texts) {
			count += (text != null) ? 1 : 0;
		}
		int capacity = Integer.highestOneBit(Math.max(8, count * 2 - 1)) * 2;
		this.hashes = new int[capacity];
		this.texts = new String[capacity];
		this.rank = new int[capacity];
		this.shared = new int[capacity][];
		this.mask = capacity - 1;
		for (int rank = 0; rank < texts.length; rank++) {
			if (texts[rank] != null) {
				add(texts[rank], rank);
			}
		}
	}

	private void add(String text, int rank) {
		int hash = stored(text);
		for (int slot = spread(hash) & this.mask;; slot = (slot + 1) & this.mask) {
			if (this.hashes[slot] == 0) {
				this.hashes[slot] = hash;
				this.texts[slot] = text;
				this.rank[slot] = rank;
				return;
			}
			if (this.hashes[slot] == hash && this.texts[slot].equals(text)) {
				int[] before = (this.rank[slot] >= 0) ? new int[] { this.rank[slot] } : this.shared[slot];
				this.shared[slot] = Arrays.copyOf(before, before.length + 1);
				this.shared[slot][before.length] = rank;
				this.rank[slot] = -1;
				return;
			}
		}
	}

	/**
	 * The slot of {@code text}, or -1 if it is no keyword; then {@link #rank} or {@link #shared}
	 * tell its ranks.
	 */
	int slot(String text) {
		int hash = stored(text);
		for (int slot = spread(hash) & this.mask;; slot = (slot + 1) & this.mask) {
			int found = this.hashes[slot];
			if (found == 0) {
				return -1;
			}
			if (found == hash && this.texts[slot].equals(text)) {
				return slot;
			}
		}
	}

	/** The only rank of a slot's keyword, or -1 if several rules share it. */
	int rank(int slot) {
		return this.rank[slot];
	}

	/** The ranks of a slot's keyword when several rules share it, ascending. */
	int[] shared(int slot) {
		return this.shared[slot];
	}

	/** The text's hash, never 0, which marks an empty slot. */
	private static int stored(String text) {
		int hash = text.hashCode();
		return (hash != 0) ? hash : 1;
	}

	private static int spread(int hash) {
		return hash * 0x9E3779B9 ^ (hash >>> 16);
	}

}
