// The incident page of one recipient: /i/{token}. The token in the address is the only credential.
(function () {
  'use strict';
  var token = location.pathname.split('/').pop();
  var api = '/api/i/' + encodeURIComponent(token);

  function text(id, value) {
    document.getElementById(id).textContent = value;
  }

  function link(href, label) {
    var a = document.createElement('a');
    a.href = href;
    a.textContent = label;
    a.rel = 'noopener noreferrer';
    return a;
  }

  function show(page) {
    var when = new Date(page.detected_at);
    text('what', page.who + ' may need help: a scream was detected at ' + when.toLocaleString() + ' ('
      + Math.round(page.probability * 100) + '% confidence).');
    var l = page.location;
    var links = document.getElementById('links');
    links.textContent = '';
    if (l.latitude === null || l.latitude === undefined) {
      text('where', 'Position unknown.');
    } else {
      text('where', 'Last known position: ' + l.latitude.toFixed(5) + ', ' + l.longitude.toFixed(5)
        + (l.accuracy_m ? ' (within ' + Math.round(l.accuracy_m) + ' m)' : '')
        + (l.source === 'browser' ? ', from their browser' : ', estimated from their IP address')
        + (l.address ? ', ' + l.address : '') + '.');
      links.appendChild(link(l.google_maps, 'Open in Google Maps'));
      links.appendChild(document.createTextNode(' · '));
      links.appendChild(link(l.openstreetmap, 'Open in OpenStreetMap'));
    }
    text('status', 'Alert status: ' + page.status + '.');
    text('others', page.on_their_way.length ? 'On their way: ' + page.on_their_way.join(', ') + '.'
      : 'Nobody has said they are on their way yet.');
    var ack = document.getElementById('ack');
    ack.hidden = page.you.acknowledged || page.status === 'safe';
    if (page.you.acknowledged) {
      text('message', 'Thank you, ' + page.you.name + ': they know you are on your way.');
    }
  }

  function load() {
    fetch(api, {credentials: 'omit'}).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) {
          throw new Error(body.detail || 'this link does not work');
        }
        show(body);
      });
    }).catch(function (e) {
      text('what', e.message);
    });
  }

  document.getElementById('ack').addEventListener('click', function () {
    fetch(api + '/ack', {method: 'POST', credentials: 'omit'}).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) {
          throw new Error(body.detail || 'could not send');
        }
        show(body);
      });
    }).catch(function (e) {
      text('message', e.message);
    });
  });

  load();
  setInterval(load, 15000); // the position and the others' answers change while they come
})();
