package dev.kefu.rules;

import java.util.Arrays;

/**
 * An Aho–Corasick automaton over UTF-16 chars: finds every pattern occurring in a text in one
 * pass, however many patterns there are. Immutable once built, so any number of threads may scan
 * with it.
 * <p>
 * Our own, rather than a library, because matching sits on the push path and must stay flat at
 * 100,000 keywords: the common Java implementations keep a {@code HashMap<Character, State>} per
 * node, which boxes every char, costs around a hundred bytes per node and makes rebuilding a
 * large rule set slow and garbage-heavy. Here the whole trie is a handful of primitive arrays: a
 * dense table for the root (where every scan that fails over lands), one open-addressing hash
 * table keyed by (state, char) for all other edges, and precomputed failure and dictionary-suffix
 * links, so a scan allocates nothing.
 * <p>
 * Scan with {@link #next}; after each step, {@link #firstHit} and {@link #nextHit} walk the
 * states whose pattern ends at that position, and {@link #pattern} names it.
 */
final class AhoCorasick {

	static final int ROOT = 0;

	private static final long EMPTY = -1L;

	/** Root transitions, by char: the state reached, or {@link #ROOT}. */
	private final int[] rootNext;

	/** Edges out of the other states: key (state << 16 | char), value the target state. */
	private final long[] edgeKeys;

	private final int[] edgeTargets;

	private final int edgeShift;

	private final int[] fail;

	/** The pattern spelled by the path to each state, or -1. */
	private final int[] patternAt;

	/** The nearest proper suffix state (along failure links) that ends a pattern, or -1. */
	private final int[] hitLink;

	private final int patternCount;

	private AhoCorasick(Builder builder) {
		int states = builder.states;
		this.edgeKeys = builder.edgeKeys;
		this.edgeTargets = builder.edgeTargets;
		this.edgeShift = builder.edgeShift;
		this.patternAt = Arrays.copyOf(builder.patternAt, states);
		this.patternCount = builder.patternCount;
		this.rootNext = new int[0x10000];
		for (int child = builder.firstChild[ROOT]; child >= 0; child = builder.nextSibling[child]) {
			this.rootNext[builder.inChar[child]] = child;
		}
		this.fail = new int[states];
		this.hitLink = new int[states];
		this.hitLink[ROOT] = -1;
		linkFailures(builder);
	}

	/** Breadth-first, so every state's failure target is final before its children need it. */
	private void linkFailures(Builder builder) {
		int[] queue = new int[builder.states];
		int head = 0;
		int tail = 0;
		queue[tail++] = ROOT;
		while (head < tail) {
			int state = queue[head++];
			for (int child = builder.firstChild[state]; child >= 0; child = builder.nextSibling[child]) {
				queue[tail++] = child;
				int target = ROOT;
				if (state != ROOT) {
					target = next(this.fail[state], builder.inChar[child]);
				}
				this.fail[child] = target;
				this.hitLink[child] = (this.patternAt[target] >= 0) ? target : this.hitLink[target];
			}
		}
	}

	int patternCount() {
		return this.patternCount;
	}

	/** The state after reading {@code c} in {@code state}. */
	int next(int state, char c) {
		while (state != ROOT) {
			int target = edge(state, c);
			if (target >= 0) {
				return target;
			}
			state = this.fail[state];
		}
		return this.rootNext[c];
	}

	/** The first state ending a pattern at the current position, or -1. */
	int firstHit(int state) {
		return (this.patternAt[state] >= 0) ? state : this.hitLink[state];
	}

	/** The next (shorter) state ending a pattern at the same position, or -1. */
	int nextHit(int hit) {
		return this.hitLink[hit];
	}

	/** The pattern a hit state ends. */
	int pattern(int hit) {
		return this.patternAt[hit];
	}

	private int edge(int state, char c) {
		long key = ((long) state << 16) | c;
		int mask = this.edgeKeys.length - 1;
		for (int slot = slot(key, this.edgeShift);; slot = (slot + 1) & mask) {
			long found = this.edgeKeys[slot];
			if (found == key) {
				return this.edgeTargets[slot];
			}
			if (found == EMPTY) {
				return -1;
			}
		}
	}

	private static int slot(long key, int shift) {
		return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
	}

	/** Collects patterns; not thread-safe. */
	static final class Builder {

		private int states = 1;

		private int patternCount;

		private int[] patternAt = { -1 };

		private int[] firstChild = { -1 };

		private int[] nextSibling = { -1 };

		private char[] inChar = { 0 };

		private long[] edgeKeys;

		private int[] edgeTargets;

		private int edgeShift;

		private int edges;

		Builder() {
			allocateEdges(16);
		}

		/**
		 * Adds a pattern (not empty) and answers its id. Adding the same text twice answers the
		 * same id, so ids run from 0 to {@code patternCount() - 1} over distinct texts.
		 */
		int add(String text) {
			if (text.isEmpty()) {
				throw new IllegalArgumentException("empty pattern");
			}
			int state = ROOT;
			for (int i = 0; i < text.length(); i++) {
				char c = text.charAt(i);
				int target = find(state, c);
				if (target < 0) {
					target = newState(state, c);
				}
				state = target;
			}
			if (this.patternAt[state] < 0) {
				this.patternAt[state] = this.patternCount++;
			}
			return this.patternAt[state];
		}

		int patternCount() {
			return this.patternCount;
		}

		AhoCorasick build() {
			return new AhoCorasick(this);
		}

		private int newState(int parent, char c) {
			int state = this.states++;
			if (state == this.patternAt.length) {
				int size = state * 2;
				this.patternAt = Arrays.copyOf(this.patternAt, size);
				this.firstChild = Arrays.copyOf(this.firstChild, size);
				this.nextSibling = Arrays.copyOf(this.nextSibling, size);
				this.inChar = Arrays.copyOf(this.inChar, size);
			}
			this.patternAt[state] = -1;
			this.firstChild[state] = -1;
			this.nextSibling[state] = this.firstChild[parent];
			this.firstChild[parent] = state;
			this.inChar[state] = c;
			// Keep the table at most half full so probe runs stay short.
			if (++this.edges * 2 > this.edgeKeys.length) {
				rehash();
			}
			insert(((long) parent << 16) | c, state);
			return state;
		}

		private int find(int state, char c) {
			long key = ((long) state << 16) | c;
			int mask = this.edgeKeys.length - 1;
			for (int slot = slot(key, this.edgeShift);; slot = (slot + 1) & mask) {
				long found = this.edgeKeys[slot];
				if (found == key) {
					return this.edgeTargets[slot];
				}
				if (found == EMPTY) {
					return -1;
				}
			}
		}

		private void insert(long key, int target) {
			int mask = this.edgeKeys.length - 1;
			int slot = slot(key, this.edgeShift);
			while (this.edgeKeys[slot] != EMPTY) {
				slot = (slot + 1) & mask;
			}
			this.edgeKeys[slot] = key;
			this.edgeTargets[slot] = target;
		}

		private void rehash() {
			long[] keys = this.edgeKeys;
			int[] targets = this.edgeTargets;
			allocateEdges(keys.length * 2);
			for (int i = 0; i < keys.length; i++) {
				if (keys[i] != EMPTY) {
					insert(keys[i], targets[i]);
				}
			}
		}

		private void allocateEdges(int capacity) {
			this.edgeKeys = new long[capacity];
			Arrays.fill(this.edgeKeys, EMPTY);
			this.edgeTargets = new int[capacity];
			this.edgeShift = 64 - Integer.numberOfTrailingZeros(capacity);
		}

	}

}
