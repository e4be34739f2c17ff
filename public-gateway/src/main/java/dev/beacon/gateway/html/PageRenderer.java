package dev.beacon.gateway.html;

import java.util.Set;

import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import org.springframework.stereotype.Component;

/**
 * Renders a page view as the whole page, the part that live updates replace, or the
 * embed.
 */
@Component
class PageRenderer {

	/**
	 * Under {@code /status}, so the assets also load where only {@code /status/**}
	 * reaches Beacon.
	 */
	static final String ASSETS = "/status/_assets";

	private static final Set<String> CONTENT = Set.of("content");

	private final ITemplateEngine engine;

	PageRenderer(ITemplateEngine engine) {
		this.engine = engine;
	}

	String page(PageView view) {
		return this.engine.process("status/page", context(view));
	}

	/**
	 * The page's live part alone, which the script swaps in when a new version arrives.
	 */
	String content(PageView view) {
		return this.engine.process("status/page", CONTENT, context(view));
	}

	String embed(PageView view) {
		return this.engine.process("status/embed", context(view));
	}

	String embedContent(PageView view) {
		return this.engine.process("status/embed", CONTENT, context(view));
	}

	private static Context context(PageView view) {
		Context context = new Context();
		context.setVariable("page", view);
		context.setVariable("assets", ASSETS);
		return context;
	}

}
