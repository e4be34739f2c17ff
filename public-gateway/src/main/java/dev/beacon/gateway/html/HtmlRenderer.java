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
class HtmlRenderer {

	/**
	 * Under {@code /status}, so the assets also load where only {@code /status/**}
	 * reaches Beacon; no slug can be {@code _assets}.
	 */
	static final String ASSETS = "/status/_assets";

	private static final Set<String> CONTENT = Set.of("content");

	private final ITemplateEngine engine;

	HtmlRenderer(ITemplateEngine engine) {
		this.engine = engine;
	}

	/** The whole page, with its components rendered now. */
	String page(PageView view) {
		return page(view, components(view));
	}

	/** The whole page around its components, already rendered by {@link #components}. */
	String page(PageView view, String components) {
		return this.engine.process("status/page", context(view, components));
	}

	/**
	 * The page's live part alone, which the script swaps in when a new version arrives.
	 */
	String content(PageView view, String components) {
		return this.engine.process("status/page", CONTENT, context(view, components));
	}

	/** The components section: most of the page, the same for a version and a minute. */
	String components(PageView view) {
		return this.engine.process("status/components", context(view, null));
	}

	String embed(PageView view) {
		return this.engine.process("status/embed", context(view, null));
	}

	String embedContent(PageView view) {
		return this.engine.process("status/embed", CONTENT, context(view, null));
	}

	private static Context context(PageView view, String components) {
		Context context = new Context();
		context.setVariable("page", view);
		context.setVariable("components", components);
		context.setVariable("assets", ASSETS);
		return context;
	}

}
