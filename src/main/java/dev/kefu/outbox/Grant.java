package dev.kefu.outbox;

import java.time.Instant;

/**
 * How many of a message's parts the user's allowance lets through.
 *
 * @param granted how many parts, from the first, may be sent
 * @param deadline when the window they are sent in closes
 * @param reset whether this message's action opened a new window (the user's unsent
 * earlier parts now go out in it)
 */
record Grant(int granted, Instant deadline, boolean reset) {
}
