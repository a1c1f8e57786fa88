/* The emulator's page: what used to be inline handlers, kept in a file for the Content-Security-Policy. */
(function () {
	'use strict';

	// keep the newest message in view, as a chat window does
	document.addEventListener('htmx:afterSettle', function (event) {
		var chat = document.getElementById('chat');
		if (chat && event.detail.elt && event.detail.elt.id === 'chat') {
			chat.scrollTop = chat.scrollHeight;
		}
	});
	document.addEventListener('DOMContentLoaded', function () {
		var chat = document.getElementById('chat');
		if (chat) {
			chat.scrollTop = chat.scrollHeight;
		}
	});

	// the app picker applies itself
	document.addEventListener('change', function (event) {
		var select = event.target.closest && event.target.closest('[data-submit-on-change]');
		if (select) {
			select.form.submit();
		}
	});

	// a sent message clears its form
	document.addEventListener('htmx:afterRequest', function (event) {
		var form = event.detail.elt;
		if (form && form.hasAttribute && form.hasAttribute('data-reset-after-request')) {
			form.reset();
		}
	});

	// a link card's thumbnail that does not load is hidden (error events do not bubble: capture)
	document.addEventListener('error', function (event) {
		var img = event.target;
		if (img && img.hasAttribute && img.hasAttribute('data-hide-on-error')) {
			img.style.visibility = 'hidden';
		}
	}, true);
}());
