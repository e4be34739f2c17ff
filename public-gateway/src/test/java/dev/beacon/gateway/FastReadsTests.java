package dev.beacon.gateway;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast path of public reads answers exactly what the full stack answers: each plain
 * read is sent twice on one connection, once as is (the fast path answers it) and once
 * with {@code Content-Length: 0} (a declared body: the full stack answers it), and the
 * two answers must be the same — status, every header in order, body.
 */
class FastReadsTests extends EdgeTestSupport {

	@Autowired
	MeterRegistry meters;

	@Test
	void answersPlainPublicReadsExactlyAsTheFullStackDoes() throws IOException {
		UUID app = UUID.randomUUID();
		String slug = "fast-" + app.toString().substring(0, 8);
		publish(app, slug, true, List.of("status." + slug + ".test"), List.of(slug + ".test"), largeDocument(slug));
		awaitServed(from(70), "/public/status/" + slug, null, "Component 49");
		String etag = exchange(70, get("/public/status/" + slug, "")).get(0).header("ETag");

		List<String> reads = List.of(get("/public/status/" + slug, ""), head("/public/status/" + slug),
				get("/public/status/" + slug, "If-None-Match: " + etag + "\r\n"),
				get("/status/" + slug + "/api/v2/summary.json", ""),
				get("/status/" + slug + "/api/v2/summary.json", "Accept-Encoding: gzip\r\n"),
				head("/status/" + slug + "/api/v2/summary.json").replace("\r\n\r\n",
						"\r\nAccept-Encoding: gzip\r\n\r\n"),
				get("/status/" + slug + "/history.atom", "Accept-Encoding: gzip\r\n"),
				get("/status/" + slug + "/history.rss", ""),
				get("/api/v2/status.json", "").replace("Host: beacon", "Host: STATUS." + slug + ".test:8080"),
				get("/status/api/v2/incidents.json", "").replace("Host: beacon", "Host: " + slug + ".test"));
		for (String read : reads) {
			double before = fastReads();
			List<Answer> answers = exchange(71, read, read.replace("\r\n\r\n", "\r\nContent-Length: 0\r\n\r\n"));
			assertThat(fastReads()).as(read).isEqualTo(before + 1);
			Answer fast = answers.get(0);
			Answer full = answers.get(1);
			assertThat(fast.status()).as(read).isIn(200, 304);
			assertThat(fast.comparable()).as(read).isEqualTo(full.comparable());
			assertThat(fast.content()).as(read).isEqualTo(full.content());
		}
		// a browser takes zstd and br too: where the full stack may pick another coding,
		// the
		// fast path answers gzip, made once per page version
		String components = "/status/" + slug + "/api/v2/components.json";
		List<Answer> answers = exchange(76, get(components, "Accept-Encoding: gzip, deflate, br, zstd\r\n"),
				get(components, ""));
		assertThat(answers.get(0).header("Content-Encoding")).isEqualTo("gzip");
		assertThat(answers.get(0).content()).isEqualTo(answers.get(1).content());
	}

	@Test
	void leavesEverythingElseToTheFullStack() throws IOException {
		UUID app = UUID.randomUUID();
		String slug = "slow-" + app.toString().substring(0, 8);
		publish(app, slug, false, List.of(), List.of(), document(slug, "Private", "operational"));
		UUID open = UUID.randomUUID();
		String openSlug = "open-" + open.toString().substring(0, 8);
		publish(open, openSlug, true, List.of(), List.of(), largeDocument(openSlug));
		awaitServed(from(72), "/public/status/" + openSlug, null, "Component 49");
		double before = fastReads();
		List<Answer> answers = exchange(72, get("/public/status/" + slug, ""), get("/public/status/absent-x", ""),
				get("/public/status/" + openSlug + "?x=1", ""), get("/public/status/" + openSlug + "/", ""),
				get("/public/status/" + openSlug, "Origin: https://widget.example\r\n"),
				get("/public/status/" + openSlug, "Authorization: Bearer not-a-token\r\n"),
				get("/public/status/" + openSlug, "Accept-Encoding: deflate\r\n"));
		assertThat(fastReads()).isEqualTo(before);
		assertThat(answers.get(0).comparable()).isEqualTo(answers.get(1).comparable());
		assertThat(answers.get(0).status()).isEqualTo(404);
		assertThat(answers.get(2).status()).isEqualTo(200);
		assertThat(answers.get(4).header("Access-Control-Allow-Origin")).isEqualTo("*");
		assertThat(answers.get(5).status()).isEqualTo(401);
		assertThat(answers.get(6).header("Content-Encoding")).isEqualTo("deflate");
	}

	@Test
	void keepsAnswersInOrderBehindARequestInTheFullStack() throws IOException {
		UUID app = UUID.randomUUID();
		String slug = "order-" + app.toString().substring(0, 8);
		publish(app, slug, true, List.of(), List.of(), document(slug, "Order", "operational"));
		awaitServed(from(73), "/public/status/" + slug, null, "Order");
		// pipelined: a read the full stack answers, then plain reads; their answers come
		// in order
		String summary = get("/status/" + slug + "/api/v2/summary.json", "Content-Length: 0\r\n");
		String document = get("/public/status/" + slug, "");
		List<Answer> answers = exchange(73, summary + document + summary + document);
		assertThat(answers).extracting((answer) -> new String(answer.content(), StandardCharsets.UTF_8))
			.satisfiesExactly((first) -> assertThat(first).contains("\"page\""),
					(second) -> assertThat(second).contains("\"overall\""),
					(third) -> assertThat(third).contains("\"page\""),
					(fourth) -> assertThat(fourth).contains("\"overall\""));
	}

	@Test
	void answersOneRequestAfterAnotherOnAKeptAliveConnection() throws IOException {
		UUID app = UUID.randomUUID();
		String slug = "alive-" + app.toString().substring(0, 8);
		publish(app, slug, true, List.of(), List.of(), document(slug, "Alive", "operational"));
		awaitServed(from(77), "/public/status/" + slug, null, "Alive");
		String fast = get("/public/status/" + slug, "");
		String full = get("/status/" + slug + "/api/v2/summary.json", "Content-Length: 0\r\n");
		double before = fastReads();
		// as a browser or wrk: each request once the previous answer is in
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port,
				InetAddress.getByName("127.0.0.78"), 0)) {
			socket.setSoTimeout(10_000);
			for (String request : List.of(fast, fast, full, fast, full, full, fast)) {
				socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
				socket.getOutputStream().flush();
				assertThat(Answer.read(socket.getInputStream(), false).status()).isEqualTo(200);
			}
		}
		assertThat(fastReads()).isEqualTo(before + 4);
	}

	@Test
	void takesATokenFromTheClientsBucket() throws IOException {
		UUID app = UUID.randomUUID();
		String slug = "bucket-" + app.toString().substring(0, 8);
		publish(app, slug, true, List.of(), List.of(), document(slug, "Bucket", "operational"));
		awaitServed(from(74), "/public/status/" + slug, null, "Bucket");
		String read = get("/public/status/" + slug, "");
		List<Answer> answers = exchange(75, read.repeat(25));
		// 20 at once (the tests' capacity), then 429 from the full stack; a token a
		// second
		assertThat(answers.stream().filter((answer) -> answer.status() == 200).count()).isBetween(20L, 22L);
		assertThat(answers.get(24).status()).isEqualTo(429);
		assertThat(answers.get(24).header("Retry-After")).isNotNull();
	}

	private double fastReads() {
		return this.meters.counter("beacon.gateway.fast.reads").count();
	}

	static String get(String path, String headers) {
		return "GET " + path + " HTTP/1.1\r\nHost: beacon\r\n" + headers + "\r\n";
	}

	static String head(String path) {
		return "HEAD " + path + " HTTP/1.1\r\nHost: beacon\r\n\r\n";
	}

	/**
	 * Sends the requests on one keep-alive connection from 127.0.0.{n}, reads every
	 * answer.
	 */
	List<Answer> exchange(int n, String... requests) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port,
				InetAddress.getByName("127.0.0." + n), 0)) {
			socket.setSoTimeout(30_000);
			List<Boolean> heads = new ArrayList<>();
			StringBuilder all = new StringBuilder();
			for (String request : requests) {
				all.append(request);
			}
			for (String request : all.toString().split("(?<=\r\n\r\n)")) {
				heads.add(request.startsWith("HEAD "));
			}
			socket.getOutputStream().write(all.toString().getBytes(StandardCharsets.ISO_8859_1));
			socket.getOutputStream().flush();
			InputStream in = socket.getInputStream();
			List<Answer> answers = new ArrayList<>();
			for (boolean isHead : heads) {
				answers.add(Answer.read(in, isHead));
			}
			return answers;
		}
	}

	static String largeDocument(String slug) {
		StringBuilder components = new StringBuilder();
		for (int i = 0; i < 50; i++) {
			components.append(i > 0 ? "," : "").append("""
					{"id":"%s","name":"Component %02d","group":"Group %d","status":"operational",
					 "since":"2026-11-27T09:00:00Z","reason":null}""".formatted(UUID.randomUUID(), i, i / 10));
		}
		return """
				{"slug":"%s","name":"Fast page","description":null,"timeZone":"UTC","showUptime":true,
				 "showResponseTimes":true,"overall":{"status":"operational","description":"x"},
				 "components":[%s],"metrics":[],"incidents":[],"recentIncidents":[],"maintenances":[],
				 "generatedAt":"%s"}""".formatted(slug, components, java.time.Instant.now());
	}

	record Answer(int status, List<String> headers, byte[] body) {

		String header(String name) {
			for (String header : this.headers) {
				if (header.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ":")) {
					return header.substring(name.length() + 1).strip();
				}
			}
			return null;
		}

		/**
		 * Status and headers in order, but the data age (it may tick between the two) and
		 * how the body is framed (compressed bodies: the full stack streams them
		 * chunked).
		 */
		List<String> comparable() {
			List<String> comparable = new ArrayList<>();
			comparable.add(Integer.toString(this.status));
			for (String header : this.headers) {
				String name = header.substring(0, header.indexOf(':')).toLowerCase(Locale.ROOT);
				if (name.equals("beacon-data-age") || ("gzip".equals(header("Content-Encoding"))
						&& (name.equals("content-length") || name.equals("transfer-encoding")))) {
					comparable.add(name);
				}
				else {
					comparable.add(header);
				}
			}
			return comparable;
		}

		/** The body, decompressed. */
		byte[] content() throws IOException {
			if ("gzip".equals(header("Content-Encoding"))) {
				try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(this.body))) {
					return gzip.readAllBytes();
				}
			}
			return this.body;
		}

		static Answer read(InputStream in, boolean head) throws IOException {
			String statusLine = line(in);
			int status = Integer.parseInt(statusLine.split(" ")[1]);
			List<String> headers = new ArrayList<>();
			for (String line = line(in); !line.isEmpty(); line = line(in)) {
				headers.add(line);
			}
			Answer answer = new Answer(status, headers, new byte[0]);
			if (head || status == 304) {
				return answer;
			}
			String length = answer.header("Content-Length");
			if (length != null) {
				return new Answer(status, headers, in.readNBytes(Integer.parseInt(length)));
			}
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			for (int size = Integer.parseInt(line(in).strip(), 16); size > 0; size = Integer.parseInt(line(in).strip(),
					16)) {
				body.write(in.readNBytes(size));
				line(in);
			}
			line(in);
			return new Answer(status, headers, body.toByteArray());
		}

		private static String line(InputStream in) throws IOException {
			StringBuilder line = new StringBuilder();
			for (int c = in.read(); c != '\n'; c = in.read()) {
				if (c < 0) {
					throw new IOException("connection closed mid-answer");
				}
				if (c != '\r') {
					line.append((char) c);
				}
			}
			return line.toString();
		}

	}

}
