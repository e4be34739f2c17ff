import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * The benchmark's probe target: answers every request on loopback with 200 and "ok",
 * in a process of its own so that its CPU is not counted as the collector's.
 * Run: java docs/benchmarks/LoopbackTarget.java PORT
 */
public class LoopbackTarget {

	public static void main(String[] args) throws IOException {
		int port = Integer.parseInt(args[0]);
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 4096);
		server.setExecutor(Executors.newFixedThreadPool(4));
		byte[] ok = "ok".getBytes();
		server.createContext("/", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			exchange.sendResponseHeaders(200, ok.length);
			exchange.getResponseBody().write(ok);
			exchange.close();
		});
		server.start();
		System.out.println("Loopback target on 127.0.0.1:" + port);
	}

}
