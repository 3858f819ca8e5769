-- JSON POST for the echo WAR: a small order document, as an API client would send it.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"id":12345,"customer":"ada@example.com","items":[{"sku":"A-1","qty":2},'
        .. '{"sku":"B-22","qty":1}],"note":"benchmark request body"}'
