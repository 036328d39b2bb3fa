// The shop page's script: plain JavaScript, no libraries, no build step.
//
// State comes from the gateway's JSON API (GET /products, /users, /orders; POST /users, /orders)
// and live updates from GET /events (server-sent events of the cluster topic "orders"). Every
// value from the server reaches the page through textContent or a form control's value, never as
// markup, so a user named "<img onerror=...>" is shown as text.
"use strict";

(() => {
  const LAST_ORDERS = 10;
  const FEED_MAX = 50;
  const $ = (id) => document.getElementById(id);

  /** Makes an element with a class and text; text is always set as text. */
  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = String(text);
    return e;
  }

  /** Cents as units with two decimals (the shop names no currency). */
  function money(cents) {
    return (cents / 100).toFixed(2);
  }

  /** GET or POST JSON; resolves to {status, body} whatever the status (errors are answers too). */
  async function api(method, path, body) {
    const init = { method, headers: { Accept: "application/json" } };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const res = await fetch(path, init);
    let json = null;
    try {
      json = await res.json();
    } catch (e) {
      json = { error: res.statusText || "no JSON in the answer" };
    }
    return { status: res.status, body: json, servedBy: res.headers.get("X-Served-By") };
  }

  // ---- products and stock ----------------------------------------------------------------------

  const stockCells = new Map(); // product id -> its stock <td>

  function showStock(productId, units) {
    const cell = stockCells.get(productId);
    if (!cell) return false;
    if (cell.textContent !== String(units)) {
      cell.textContent = String(units);
      const row = cell.parentElement;
      row.classList.remove("flash");
      void row.offsetWidth; // restart the animation
      row.classList.add("flash");
    }
    cell.classList.toggle("out", units === 0);
    cell.classList.toggle("low", units > 0 && units < 10);
    cell.title = units === 0 ? "sold out" : "";
    return true;
  }

  function renderProducts(products) {
    const tbody = $("products").tBodies[0];
    const select = $("order-product");
    const chosen = select.value;
    tbody.replaceChildren();
    select.replaceChildren();
    stockCells.clear();
    for (const p of products) {
      const row = el("tr");
      row.dataset.product = p.id;
      row.append(el("td", "name", p.name), el("td", "num price", money(p.priceCents)));
      const stock = el("td", "num stock");
      row.append(stock);
      tbody.append(row);
      stockCells.set(p.id, stock);
      showStock(p.id, p.stock);
      row.classList.remove("flash");
      const option = el("option", "", p.name + " (" + money(p.priceCents) + ")");
      option.value = p.id;
      select.append(option);
    }
    if (chosen) select.value = chosen;
  }

  // ---- users ----------------------------------------------------------------------------------

  function renderUsers(users, selectId) {
    const select = $("order-user");
    const chosen = selectId !== undefined ? String(selectId) : select.value;
    select.replaceChildren();
    if (users.length === 0) {
      const none = el("option", "", "create a user first");
      none.value = "";
      select.append(none);
      return;
    }
    for (const u of users) {
      const option = el("option", "", "#" + u.id + " " + u.name);
      option.value = String(u.id);
      select.append(option);
    }
    if (chosen) select.value = chosen;
  }

  // ---- orders -----------------------------------------------------------------------------------

  function renderOrders(orders) {
    const tbody = $("orders").tBodies[0];
    tbody.replaceChildren();
    const last = orders.slice(-LAST_ORDERS).reverse();
    if (last.length === 0) {
      const row = el("tr");
      const cell = el("td", "empty", "no orders yet");
      cell.colSpan = 5;
      row.append(cell);
      tbody.append(row);
    }
    for (const o of last) {
      const row = el("tr");
      row.dataset.order = String(o.id);
      row.append(el("td", "num", o.id), el("td", "", o.quantity + " × " + o.productId),
        el("td", "num", o.userId), el("td", "num", money(o.totalCents)), el("td", "instance", o.placedBy));
      tbody.append(row);
    }
  }

  // ---- refreshing -------------------------------------------------------------------------------

  let generation = 0; // only the newest refresh may paint, whatever order the answers arrive in

  async function refresh() {
    const mine = ++generation;
    const [products, users, orders] = await Promise.all([
      api("GET", "/products"), api("GET", "/users"), api("GET", "/orders")]);
    if (mine !== generation) return;
    if (products.status === 200) renderProducts(products.body);
    if (users.status === 200) renderUsers(users.body);
    if (orders.status === 200) renderOrders(orders.body);
  }

  let refreshQueued = false;
  function refreshSoon() {
    if (refreshQueued) return;
    refreshQueued = true;
    setTimeout(() => {
      refreshQueued = false;
      refresh().catch(() => {});
    }, 100);
  }

  // ---- the live feed ----------------------------------------------------------------------------

  function setFeedState(state, text) {
    const s = $("feed-state");
    s.dataset.state = state;
    s.textContent = text;
  }

  function showEvent(e) {
    const feed = $("feed");
    const empty = feed.querySelector(".empty");
    if (empty) empty.remove();
    const li = el("li");
    li.dataset.order = String(e.orderId);
    li.append(el("span", "what", "Order #" + e.orderId + ": " + e.quantity + " × " + e.productId),
      document.createTextNode(" by user " + e.userId + ", " + e.stockLeft + " left"));
    const meta = el("span", "meta", "handled by ");
    meta.append(el("span", "instance", e.placedBy), document.createTextNode(" at " + new Date().toLocaleTimeString()));
    li.append(meta);
    feed.prepend(li);
    while (feed.children.length > FEED_MAX) feed.lastElementChild.remove();
  }

  function connectFeed() {
    const source = new EventSource("/events");
    source.onopen = () => {
      setFeedState("live", "live: order events appear here as they happen");
      refreshSoon(); // events missed while (re)connecting are not replayed: re-read the state
    };
    source.onerror = () => setFeedState("reconnecting", "feed interrupted; reconnecting…");
    source.addEventListener("order", (message) => {
      let e;
      try {
        e = JSON.parse(message.data);
      } catch (err) {
        return;
      }
      showEvent(e);
      showStock(e.productId, e.stockLeft);
      refreshSoon();
    });
  }

  // ---- forms ------------------------------------------------------------------------------------

  function showResult(id, kind, title, detail) {
    const p = $(id);
    p.className = "result " + kind;
    p.dataset.status = kind;
    p.replaceChildren(el("span", "status", title));
    if (detail) p.append(document.createTextNode(detail));
  }

  async function submitting(form, work) {
    const button = form.querySelector("button");
    button.disabled = true;
    try {
      await work();
    } catch (err) {
      showResult(form.querySelector(".result").id, "error", "Could not reach the shop", err.message);
    } finally {
      button.disabled = false;
    }
  }

  $("user-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    submitting(form, async () => {
      const answer = await api("POST", "/users", { name: $("user-name").value, email: $("user-email").value });
      if (answer.status === 201) {
        const u = answer.body;
        showResult("user-result", "ok", "User #" + u.id + " " + u.name + " created", "");
        form.reset();
        const users = await api("GET", "/users");
        if (users.status === 200) renderUsers(users.body, u.id);
      } else {
        showResult("user-result", "error", answer.status + ": " + (answer.body.error || "refused"), "");
      }
    });
  });

  $("order-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    submitting(form, async () => {
      const order = {
        userId: Number($("order-user").value),
        productId: $("order-product").value,
        quantity: Number($("order-quantity").value),
      };
      const answer = await api("POST", "/orders", order);
      const error = (answer.body && answer.body.error) || "";
      if (answer.status === 201) {
        const o = answer.body;
        showResult("order-result", "ok", "Order #" + o.id + " placed: " + o.quantity + " × " + o.productId
          + " for " + money(o.totalCents), "(by " + o.placedBy + ")");
      } else if (answer.status === 409) {
        showResult("order-result", "refused", "409 Conflict: out of stock", error);
      } else {
        showResult("order-result", "error", answer.status + ": " + (error || "refused"), "");
      }
    });
  });

  // ---- start ------------------------------------------------------------------------------------

  $("curl-hint").textContent = "curl " + location.origin + "/";
  const feed = $("feed");
  feed.append(el("li", "empty", "waiting for orders…"));
  refresh().catch((err) => setFeedState("reconnecting", "could not load the shop: " + err.message));
  connectFeed();
})();
