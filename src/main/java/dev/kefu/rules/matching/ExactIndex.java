package dev.kefu.rules.matching;

import java.util.Arrays;

/**
 * Normalised keyword text → the ranks of its candidates, ascending. An open-addressing
 * table laid out for few cache misses, since every message is looked up here: a slot's
 * hash sits alone in one array (0 marks an empty slot), so a message that is no keyword,
 * most of them, costs one read; a hit reads the slot's three ints (where its text is in a
 * shared char pool, its length and its rank) and compares against the pool, instead of
 * chasing a String and its byte array.
 */
final class ExactIndex {

	private static final int OFFSET = 0;

	private static final int LENGTH = 1;

	private static final int RANK = 2;

	private final int[] hashes;

	/** Per slot: pool offset, length, rank (or -1 - index into {@link #shared}). */
	private final int[] meta;

	private final char[] pool;

	/** Ranks of texts several rules share. */
	private final int[][] shared;

	private final int mask;

	/**
	 * @param texts the text of each rank, {@code null} for ranks that are not EXACT
	 */
	ExactIndex(String[] texts) {
		int count = 0;
		int chars = 0;
		for (String text : texts) {
			if (text != null) {
				count++;
				chars += text.length();
			}
		}
		int capacity = Integer.highestOneBit(Math.max(8, count * 2 - 1)) * 2;
		this.hashes = new int[capacity];
		this.meta = new int[capacity * 3];
		this.pool = new char[chars];
		this.mask = capacity - 1;
		int[][] sharedRanks = new int[8][];
		int sharedCount = 0;
		int used = 0;
		for (int rank = 0; rank < texts.length; rank++) {
			String text = texts[rank];
			if (text == null) {
				continue;
			}
			int hash = stored(text);
			int slot = find(text, hash);
			int at = slot * 3;
			if (this.hashes[slot] == 0) {
				this.hashes[slot] = hash;
				text.getChars(0, text.length(), this.pool, used);
				this.meta[at + OFFSET] = used;
				this.meta[at + LENGTH] = text.length();
				this.meta[at + RANK] = rank;
				used += text.length();
				continue;
			}
			// Ranks arrive ascending, so appending keeps each shared list in order.
			int first = this.meta[at + RANK];
			int index = (first >= 0) ? sharedCount++ : -1 - first;
			if (index == sharedRanks.length) {
				sharedRanks = Arrays.copyOf(sharedRanks, index * 2);
			}
			int[] before = (first >= 0) ? new int[] { first } : sharedRanks[index];
			sharedRanks[index] = Arrays.copyOf(before, before.length + 1);
			sharedRanks[index][before.length] = rank;
			this.meta[at + RANK] = -1 - index;
		}
		this.shared = Arrays.copyOf(sharedRanks, sharedCount);
	}

	/** The slot of {@code text}, or -1 if it is no keyword. */
	int slot(String text) {
		int slot = find(text, stored(text));
		return (this.hashes[slot] != 0) ? slot : -1;
	}

	/** The only rank of a slot's keyword, or -1 if several rules share it. */
	int rank(int slot) {
		int rank = this.meta[slot * 3 + RANK];
		return (rank >= 0) ? rank : -1;
	}

	/** The ranks of a slot's keyword when several rules share it, ascending. */
	int[] shared(int slot) {
		return this.shared[-1 - this.meta[slot * 3 + RANK]];
	}

	/** The slot holding {@code text}, or the empty slot where it would go. */
	private int find(String text, int hash) {
		for (int slot = spread(hash) & this.mask;; slot = (slot + 1) & this.mask) {
			int found = this.hashes[slot];
			if (found == 0 || (found == hash && pooled(slot, text))) {
				return slot;
			}
		}
	}

	private boolean pooled(int slot, String text) {
		int length = this.meta[slot * 3 + LENGTH];
		if (length != text.length()) {
			return false;
		}
		int offset = this.meta[slot * 3 + OFFSET];
		for (int i = 0; i < length; i++) {
			if (this.pool[offset + i] != text.charAt(i)) {
				return false;
			}
		}
		return true;
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
