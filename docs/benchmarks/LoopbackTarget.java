import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

/**
 * The benchmark's probe target: answers every request on loopback with 200 and "ok",
 * keeping connections alive, in a process of its own so that its CPU is not counted as
 * the collector's. One selector thread and no per-request allocation: the JDK's
 * {@code HttpServer} (what this was before) managed about 1,100 requests/s over 2,000
 * keep-alive connections here (wrk), less than 50,000 checks at 30 s ask for, so it was
 * the benchmark's bottleneck; this one does tens of thousands (see docs/benchmarks.md).
 * It reads requests without bodies (GET/HEAD) only, which is what the probes send.
 * Run: java docs/benchmarks/LoopbackTarget.java PORT
 */
public class LoopbackTarget {

	private static final byte[] OK = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n"
			+ "Connection: keep-alive\r\n\r\nok")
		.getBytes(StandardCharsets.US_ASCII);

	public static void main(String[] args) throws IOException {
		int port = Integer.parseInt(args[0]);
		Selector selector = Selector.open();
		ServerSocketChannel server = ServerSocketChannel.open();
		server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 8192);
		server.configureBlocking(false);
		server.register(selector, SelectionKey.OP_ACCEPT);
		System.out.println("Loopback target on 127.0.0.1:" + port);
		ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
		ByteBuffer out = ByteBuffer.allocateDirect(64 * 1024);
		while (true) {
			selector.select();
			Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
			while (keys.hasNext()) {
				SelectionKey key = keys.next();
				keys.remove();
				try {
					if (key.isAcceptable()) {
						SocketChannel client;
						while ((client = server.accept()) != null) {
							client.configureBlocking(false);
							client.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
							client.register(selector, SelectionKey.OP_READ, new int[1]);
						}
					}
					else if (key.isReadable()) {
						serve((SocketChannel) key.channel(), (int[]) key.attachment(), in, out, key);
					}
				}
				catch (IOException ex) {
					key.cancel();
					key.channel().close();
				}
			}
		}
	}

	/**
	 * Answers each complete request read (a request ends with an empty line); state[0]
	 * remembers how much of "\r\n\r\n" the previous read ended with.
	 */
	private static void serve(SocketChannel client, int[] state, ByteBuffer in, ByteBuffer out, SelectionKey key)
			throws IOException {
		in.clear();
		int read = client.read(in);
		if (read < 0) {
			key.cancel();
			client.close();
			return;
		}
		in.flip();
		int matched = state[0];
		int answers = 0;
		while (in.hasRemaining()) {
			byte b = in.get();
			if ((b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))) {
				matched++;
				if (matched == 4) {
					answers++;
					matched = 0;
				}
			}
			else {
				matched = (b == '\r') ? 1 : 0;
			}
		}
		state[0] = matched;
		out.clear();
		for (int i = 0; i < answers; i++) {
			if (out.remaining() < OK.length) {
				write(client, out);
			}
			out.put(OK);
		}
		write(client, out);
	}

	/** Responses are tiny: a loopback socket's send buffer takes them at once. */
	private static void write(SocketChannel client, ByteBuffer out) throws IOException {
		out.flip();
		while (out.hasRemaining()) {
			client.write(out);
		}
		out.clear();
	}

}
