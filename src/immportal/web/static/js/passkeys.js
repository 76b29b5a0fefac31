// Passkeys and security keys (WebAuthn). Each page that offers one has a block with
// data-passkey="register" | "sign-in" | "second-factor", the endpoint in data-endpoint and
// the session's CSRF token in data-csrf. The block stays hidden unless this browser can
// use passkeys; the password and authenticator code forms work without any of this.
(function () {
  "use strict";
  if (!window.PublicKeyCredential || !window.fetch || !navigator.credentials) {
    return;
  }

  function toBytes(text) {
    var base64 = text.replace(/-/g, "+").replace(/_/g, "/");
    base64 += "===".slice((base64.length + 3) % 4);
    var raw = atob(base64);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i += 1) {
      bytes[i] = raw.charCodeAt(i);
    }
    return bytes.buffer;
  }

  function toText(buffer) {
    var bytes = new Uint8Array(buffer);
    var raw = "";
    for (var i = 0; i < bytes.length; i += 1) {
      raw += String.fromCharCode(bytes[i]);
    }
    return btoa(raw).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function post(url, token, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": token },
      body: JSON.stringify(body || {}),
    }).then(function (response) {
      return response.json().then(function (json) {
        if (!response.ok) {
          throw new Error(json.message || "");
        }
        return json;
      });
    });
  }

  function creationOptions(json) {
    json.challenge = toBytes(json.challenge);
    json.user.id = toBytes(json.user.id);
    (json.excludeCredentials || []).forEach(function (item) {
      item.id = toBytes(item.id);
    });
    return { publicKey: json };
  }

  function requestOptions(json) {
    json.challenge = toBytes(json.challenge);
    (json.allowCredentials || []).forEach(function (item) {
      item.id = toBytes(item.id);
    });
    return { publicKey: json };
  }

  function registration(credential) {
    return {
      id: credential.id,
      rawId: toText(credential.rawId),
      type: credential.type,
      response: {
        clientDataJSON: toText(credential.response.clientDataJSON),
        attestationObject: toText(credential.response.attestationObject),
        transports: credential.response.getTransports ? credential.response.getTransports() : [],
      },
      clientExtensionResults: credential.getClientExtensionResults(),
    };
  }

  function assertion(credential) {
    var response = credential.response;
    return {
      id: credential.id,
      rawId: toText(credential.rawId),
      type: credential.type,
      response: {
        clientDataJSON: toText(response.clientDataJSON),
        authenticatorData: toText(response.authenticatorData),
        signature: toText(response.signature),
        userHandle: response.userHandle ? toText(response.userHandle) : null,
      },
      clientExtensionResults: credential.getClientExtensionResults(),
    };
  }

  function start(block) {
    var kind = block.getAttribute("data-passkey");
    var endpoint = block.getAttribute("data-endpoint");
    var token = block.getAttribute("data-csrf");
    var button = block.querySelector("button");
    var status = block.querySelector("[data-passkey-status]");
    var nameField = block.querySelector("input[name=passkey_name]");
    var query = window.location.search;
    block.hidden = false;
    button.addEventListener("click", function (event) {
      event.preventDefault();
      status.textContent = "";
      button.disabled = true;
      var flow = post(endpoint + "/options" + query, token).then(function (options) {
        if (kind === "register") {
          return navigator.credentials.create(creationOptions(options)).then(function (made) {
            return post(endpoint, token, {
              credential: registration(made),
              name: nameField ? nameField.value : "",
            });
          });
        }
        return navigator.credentials.get(requestOptions(options)).then(function (found) {
          return post(endpoint + query, token, assertion(found));
        });
      });
      flow
        .then(function (answer) {
          window.location.assign(answer.location);
        })
        .catch(function (error) {
          status.textContent = (error && error.message) || block.getAttribute("data-failed");
          button.disabled = false;
        });
    });
  }

  document.querySelectorAll("[data-passkey]").forEach(start);
})();
