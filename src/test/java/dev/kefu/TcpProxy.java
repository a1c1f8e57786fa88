package dev.kefu;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A loopback TCP proxy that a test can cut, to stand in for a server that goes away:
 * clients connect to {@link #port()} on 127.0.0.1 and are forwarded to the target. The
 * listening port stays the same throughout, so clients reconnect to the address they
 * know.
 * <ul>
 * <li>{@link #cut()}: a server that stops. Every open connection is reset at once (both
 * sides, so the server ends its sessions and rolls back what they had open) and every new
 * one is reset as soon as it is accepted, as a stopped server refuses it.</li>
 * <li>{@link #silence()}: a server whose host vanished. Every open connection goes
 * half-open: the server's side is reset, the client's stays open and hears nothing more,
 * ever, whatever it sends; new connections are accepted and then hear nothing either.
 * Only a client's own timeout gets it out.</li>
 * <li>{@link #restore()}: new connections are forwarded again. Connections that went
 * half-open stay so until the client gives them up.</li>
 * </ul>
 * Thread-safe. Its threads are daemons; {@link #close()} ends them and every connection.
 */
public final class TcpProxy implements AutoCloseable {

	private enum Mode {

		FORWARD, CUT, SILENT

	}

	private final InetSocketAddress target;

	private final ServerSocket listener;

	private final Object lock = new Object();

	/** Connections being forwarded. Guarded by {@link #lock}. */
	private final Set<Link> links = new HashSet<>();

	/**
	 * Client sockets left open and silent, closed by {@link #close()}. Guarded by
	 * {@link #lock}.
	 */
	private final List<Socket> silenced = new ArrayList<>();

	/** Guarded by {@link #lock}. */
	private Mode mode = Mode.FORWARD;

	private volatile boolean closed;

	private TcpProxy(InetSocketAddress target) throws IOException {
		this.target = target;
		this.listener = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "tcp-proxy-" + this.listener.getLocalPort());
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/** Starts a proxy on a free loopback port, forwarding to {@code host:port}. */
	public static TcpProxy to(String host, int port) {
		try {
			return new TcpProxy(new InetSocketAddress(host, port));
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot listen on a loopback port", ex);
		}
	}

	/** The loopback port clients connect to. */
	public int port() {
		return this.listener.getLocalPort();
	}

	/**
	 * Resets all connections, and every new one until {@link #restore()}. Returns once
	 * all are reset.
	 */
	public void cut() {
		for (Link link : switchTo(Mode.CUT)) {
			reset(link.client);
			reset(link.server);
		}
	}

	/** Leaves all connections half-open, and every new one until {@link #restore()}. */
	public void silence() {
		for (Link link : switchTo(Mode.SILENT)) {
			link.silent = true;
			synchronized (this.lock) {
				this.silenced.add(link.client);
			}
			reset(link.server);
		}
	}

	/** Forwards new connections again. */
	public void restore() {
		switchTo(Mode.FORWARD);
	}

	/**
	 * Sets the mode; returns the connections that were being forwarded if it stops
	 * forwarding.
	 */
	private List<Link> switchTo(Mode mode) {
		synchronized (this.lock) {
			this.mode = mode;
			if (mode == Mode.FORWARD) {
				return List.of();
			}
			List<Link> open = new ArrayList<>(this.links);
			this.links.clear();
			return open;
		}
	}

	@Override
	public void close() {
		this.closed = true;
		cut();
		List<Socket> silent;
		synchronized (this.lock) {
			silent = new ArrayList<>(this.silenced);
			this.silenced.clear();
		}
		silent.forEach(TcpProxy::reset);
		try {
			this.listener.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	private void accept() {
		while (!this.closed) {
			Socket client;
			try {
				client = this.listener.accept();
			}
			catch (IOException ex) {
				continue; // closed: the loop ends; otherwise a failed accept is the
							// client's problem
			}
			Socket server = new Socket();
			try {
				if (mode() == Mode.FORWARD) {
					server.connect(this.target, 2000);
				}
			}
			catch (IOException ex) {
				reset(client);
				continue;
			}
			synchronized (this.lock) {
				// decided under the lock, so that no connection slips past a cut or a
				// silence
				switch (this.mode) {
					case FORWARD -> {
						Link link = new Link(client, server);
						this.links.add(link);
						link.start();
					}
					case SILENT -> this.silenced.add(client);
					case CUT -> reset(client);
				}
				if (this.mode != Mode.FORWARD) {
					reset(server);
				}
			}
		}
	}

	private Mode mode() {
		synchronized (this.lock) {
			return this.mode;
		}
	}

	/**
	 * Closes with an RST rather than a FIN, so the peer fails at once instead of reading
	 * an orderly end.
	 */
	private static void reset(Socket socket) {
		try {
			socket.setSoLinger(true, 0);
		}
		catch (SocketException ex) {
			// already closed or never connected: closing is all there is to do
		}
		close(socket);
	}

	private static void close(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// nothing left to release
		}
	}

	/** A client connection and its server connection, pumped both ways by two threads. */
	private final class Link {

		final Socket client;

		final Socket server;

		/** Once set, nothing more is forwarded and the client's side is left open. */
		volatile boolean silent;

		Link(Socket client, Socket server) {
			this.client = client;
			this.server = server;
		}

		void start() {
			pump(this.client, this.server, "up");
			pump(this.server, this.client, "down");
		}

		private void pump(Socket from, Socket to, String direction) {
			Thread thread = new Thread(() -> {
				byte[] buffer = new byte[16 * 1024];
				try {
					InputStream in = from.getInputStream();
					OutputStream out = to.getOutputStream();
					for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
						if (!this.silent) {
							out.write(buffer, 0, n);
							out.flush();
						}
					}
				}
				catch (IOException ex) {
					// either side went away, or the proxy cut the link
				}
				finally {
					end();
				}
			}, "tcp-proxy-" + port() + "-" + direction);
			thread.setDaemon(true);
			thread.start();
		}

		/**
		 * One side has ended: an orderly end for the other, unless the link was left
		 * half-open.
		 */
		private void end() {
			synchronized (TcpProxy.this.lock) {
				TcpProxy.this.links.remove(this);
			}
			if (!this.silent) {
				close(this.client);
				close(this.server);
			}
		}

	}

}
