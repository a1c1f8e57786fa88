package dev.kefu.rules.matching;

import java.util.Arrays;

/**
 * An Aho–Corasick automaton over UTF-16 chars: finds every pattern occurring in a text in
 * one pass, however many patterns there are. Immutable once built, so any number of
 * threads may scan with it.
 * <p>
 * Our own, rather than a library, because matching sits on the push path and must stay
 * flat at 100,000 keywords: the common Java implementations keep a
 * {@code HashMap<Character, State>} per node, which boxes every char, costs around a
 * hundred bytes per node and turns each step of a scan into several cache misses once the
 * trie outgrows the CPU caches. Here the trie is a few primitive arrays: a dense table
 * for the root (where every scan that fails over lands), and one open-addressing table of
 * {@code long}s for all other edges, each entry packing (state, char) with the target
 * state, so one step is usually one memory access. Failure and dictionary-suffix links
 * are precomputed and a scan allocates nothing.
 * <p>
 * States are {@code int}s carrying a flag ({@link #hasHit}) telling whether any pattern
 * ends at them, so a scan only looks further when something matched. Scan with
 * {@link #next}; when a state has a hit, {@link #firstHit} and {@link #nextHit} walk the
 * states whose pattern ends at that position, and {@link #pattern} names it.
 */
final class AhoCorasick {

	static final int ROOT = 0;

	/**
	 * Up to 8 million states: 23 bits of state, 1 flag, 16 bits of char, 24 bits of
	 * source.
	 */
	static final int MAX_STATES = 1 << 23;

	private static final int HIT = 1 << 23;

	private static final int STATE = HIT - 1;

	private static final long KEY = -1L << 24;

	/** Root transitions, by char: the (flagged) state reached, or {@link #ROOT}. */
	private final int[] rootNext;

	/**
	 * Edges out of the other states: (source << 40 | char << 24 | flagged target); 0 is
	 * empty.
	 */
	private final long[] edges;

	private final int edgeShift;

	/** Flagged failure target of each state. */
	private final int[] fail;

	/** The pattern spelled by the path to each state, or -1. */
	private final int[] patternAt;

	/**
	 * The nearest proper suffix state (along failure links) that ends a pattern, or -1.
	 */
	private final int[] hitLink;

	private AhoCorasick(Builder builder) {
		int states = builder.states;
		this.patternAt = Arrays.copyOf(builder.patternAt, states);
		this.fail = new int[states];
		this.hitLink = new int[states];
		this.hitLink[ROOT] = -1;
		int[] order = breadthFirst(builder);
		// Suffix links first (they decide the flags), then the tables that carry the
		// flags.
		for (int i = 1; i < states; i++) {
			int state = order[i];
			int parent = builder.parent[state];
			int target = (parent == ROOT) ? ROOT : builder.step(this.fail, this.fail[parent], builder.inChar[state]);
			this.fail[state] = target;
			this.hitLink[state] = (this.patternAt[target] >= 0) ? target : this.hitLink[target];
		}
		for (int state = 0; state < states; state++) {
			this.fail[state] = flagged(this.fail[state]);
		}
		this.rootNext = new int[0x10000];
		for (int child = builder.firstChild[ROOT]; child >= 0; child = builder.nextSibling[child]) {
			this.rootNext[builder.inChar[child]] = flagged(child);
		}
		int capacity = Integer.highestOneBit(Math.max(16, states * 2 - 1)) * 2;
		this.edges = new long[capacity];
		this.edgeShift = 64 - Integer.numberOfTrailingZeros(capacity);
		for (int state = 1; state < states; state++) {
			int parent = builder.parent[state];
			if (parent != ROOT) {
				insert(key(parent, builder.inChar[state]) | flagged(state));
			}
		}
	}

	private static int[] breadthFirst(Builder builder) {
		int[] queue = new int[builder.states];
		int head = 0;
		int tail = 0;
		queue[tail++] = ROOT;
		while (head < tail) {
			int state = queue[head++];
			for (int child = builder.firstChild[state]; child >= 0; child = builder.nextSibling[child]) {
				queue[tail++] = child;
			}
		}
		return queue;
	}

	private int flagged(int state) {
		return (this.patternAt[state] >= 0 || this.hitLink[state] >= 0) ? state | HIT : state;
	}

	/** Whether a pattern ends at this state. */
	static boolean hasHit(int state) {
		return (state & HIT) != 0;
	}

	/** The state after reading {@code c} in {@code state}. */
	int next(int state, char c) {
		int raw = state & STATE;
		while (raw != ROOT) {
			long key = key(raw, c);
			int mask = this.edges.length - 1;
			for (int slot = slot(key, this.edgeShift);; slot = (slot + 1) & mask) {
				long entry = this.edges[slot];
				if ((entry & KEY) == key) {
					return (int) (entry & ~KEY);
				}
				if (entry == 0) {
					break;
				}
			}
			raw = this.fail[raw] & STATE;
		}
		return this.rootNext[c];
	}

	/** The first state ending a pattern at the current position, or -1. */
	int firstHit(int state) {
		int raw = state & STATE;
		return (this.patternAt[raw] >= 0) ? raw : this.hitLink[raw];
	}

	/** The next (shorter) state ending a pattern at the same position, or -1. */
	int nextHit(int hit) {
		return this.hitLink[hit];
	}

	/** The pattern a hit state ends. */
	int pattern(int hit) {
		return this.patternAt[hit];
	}

	private void insert(long entry) {
		long key = entry & KEY;
		int mask = this.edges.length - 1;
		int slot = slot(key, this.edgeShift);
		while (this.edges[slot] != 0) {
			slot = (slot + 1) & mask;
		}
		this.edges[slot] = entry;
	}

	private static long key(int state, char c) {
		return ((long) state << 40) | ((long) c << 24);
	}

	private static int slot(long key, int shift) {
		return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
	}

	/** Collects patterns into a trie; not thread-safe. */
	static final class Builder {

		private int states = 1;

		private int patternCount;

		private int[] patternAt = { -1 };

		private int[] parent = { -1 };

		private int[] firstChild = { -1 };

		private int[] nextSibling = { -1 };

		private char[] inChar = { 0 };

		/** Trie edges while building: key (state << 16 | char), value the child. */
		private long[] keys;

		private int[] targets;

		private int shift;

		Builder() {
			allocate(16);
		}

		/**
		 * Adds a pattern (not empty) and answers its id. Adding the same text twice
		 * answers the same id, so ids run from 0 to {@code patternCount() - 1} over
		 * distinct texts.
		 */
		int add(String text) {
			if (text.isEmpty()) {
				throw new IllegalArgumentException("empty pattern");
			}
			int state = ROOT;
			for (int i = 0; i < text.length(); i++) {
				char c = text.charAt(i);
				int target = child(state, c);
				state = (target >= 0) ? target : newState(state, c);
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

		/** The goto-with-failure step used while linking, on the build-time trie. */
		private int step(int[] fail, int state, char c) {
			while (true) {
				int target = child(state, c);
				if (target >= 0) {
					return target;
				}
				if (state == ROOT) {
					return ROOT;
				}
				state = fail[state];
			}
		}

		private int newState(int from, char c) {
			int state = this.states++;
			if (state == MAX_STATES) {
				throw new IllegalStateException("more than " + MAX_STATES + " keyword states in one app");
			}
			if (state == this.patternAt.length) {
				int size = state * 2;
				this.patternAt = Arrays.copyOf(this.patternAt, size);
				this.parent = Arrays.copyOf(this.parent, size);
				this.firstChild = Arrays.copyOf(this.firstChild, size);
				this.nextSibling = Arrays.copyOf(this.nextSibling, size);
				this.inChar = Arrays.copyOf(this.inChar, size);
			}
			this.patternAt[state] = -1;
			this.parent[state] = from;
			this.firstChild[state] = -1;
			this.nextSibling[state] = this.firstChild[from];
			this.firstChild[from] = state;
			this.inChar[state] = c;
			// Keep the table at most half full so probe runs stay short.
			if (state * 2 > this.keys.length) {
				grow();
			}
			put(((long) from << 16) | c, state);
			return state;
		}

		private int child(int state, char c) {
			long key = ((long) state << 16) | c;
			int mask = this.keys.length - 1;
			for (int slot = slot(key, this.shift);; slot = (slot + 1) & mask) {
				long found = this.keys[slot];
				if (found == key) {
					return this.targets[slot];
				}
				if (found == -1L) {
					return -1;
				}
			}
		}

		private void put(long key, int target) {
			int mask = this.keys.length - 1;
			int slot = slot(key, this.shift);
			while (this.keys[slot] != -1L) {
				slot = (slot + 1) & mask;
			}
			this.keys[slot] = key;
			this.targets[slot] = target;
		}

		private void grow() {
			long[] oldKeys = this.keys;
			int[] oldTargets = this.targets;
			allocate(oldKeys.length * 2);
			for (int i = 0; i < oldKeys.length; i++) {
				if (oldKeys[i] != -1L) {
					put(oldKeys[i], oldTargets[i]);
				}
			}
		}

		private void allocate(int capacity) {
			this.keys = new long[capacity];
			Arrays.fill(this.keys, -1L);
			this.targets = new int[capacity];
			this.shift = 64 - Integer.numberOfTrailingZeros(capacity);
		}

	}

}
