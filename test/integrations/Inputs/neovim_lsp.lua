-- Neovim (0.7 and later) with corolint-clangd as its C/C++ language server,
-- driven headless by test/integrations/neovim.test:
--
--   env -i PATH=... HOME=... XDG_*_HOME=... COROLINT_CLANGD=/path/to/corolint-clangd \
--     nvim --headless -u neovim_lsp.lua -i NONE -n src/main.cpp
--
-- The first half is an ordinary user configuration, the one docs/editors.md
-- shows for Neovim 0.7 (vim.lsp.start_client + vim.lsp.buf_attach_client on
-- FileType c/cpp; Neovim 0.8 has vim.lsp.start for the same). The second half,
-- on VimEnter, does what a user does in the editor and prints one line on
-- stdout per verified fact:
--
--   1. the coro diagnostic appears in the buffer (vim.diagnostic.get);
--   2. the server offers its quick fix (textDocument/codeAction with the
--      diagnostic in context.diagnostics, as vim.lsp.buf.code_action() sends);
--   3. applying the fix changes the buffer (the line is printed), and the
--      server, told of the change by Neovim (didChange), withdraws the
--      diagnostic;
--   4. the server shuts down cleanly (shutdown + exit, exit code 0).
--
-- Every wait has a deadline (COROLINT_NVIM_TIMEOUT seconds in all, default
-- 60; the test also wraps nvim in `timeout`). Any failure prints
-- `error: ...` on stdout and stderr, the tail of the LSP log on stderr, and
-- exits with status 1 (:cquit 1), so the test can never hang and never pass
-- by accident. print() goes to stderr in a headless Neovim; the results go
-- to stdout with io.stdout:write.

------------------------------------------------------------------------------
-- The user configuration: docs/editors.md's Neovim 0.7 set-up, with hooks
-- for the test (the server's path from COROLINT_CLANGD, its version, its
-- exit status, a start failure).
------------------------------------------------------------------------------

local clangd = os.getenv('COROLINT_CLANGD') or 'corolint-clangd'
local client_id      -- the one corolint-clangd client of this session
local start_error    -- test: why it could not be started, if it could not
local server_version = '?'
local exit_code, exit_signal

-- clangd counts columns in UTF-8 bytes, as Neovim does, when the client asks
-- (clangd's offsetEncoding extension); Neovim 0.7 does not ask on its own,
-- and takes the server's answer in on_init. The diagnostic's byte column
-- (vim.diagnostic's col) is then exactly the server's column.
local capabilities = vim.lsp.protocol.make_client_capabilities()
capabilities.offsetEncoding = { 'utf-8', 'utf-16' }

vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'c', 'cpp' },
  callback = function(args)
    if not client_id then
      local ok, id = pcall(vim.lsp.start_client, {
        name = 'corolint-clangd',
        cmd = { clangd },
        root_dir = vim.fn.getcwd(),  -- clangd finds each file's compile flags itself
        capabilities = capabilities,
        on_init = function(client, result)
          if result.offsetEncoding then client.offset_encoding = result.offsetEncoding end
          server_version = (result.serverInfo or {}).version or '?'
        end,
        on_exit = function(code, signal)  -- for the test: the server's exit status
          exit_code, exit_signal = code, signal
        end,
      })
      if not ok or not id then  -- 0.7 returns nil when it cannot spawn cmd
        start_error = ok and 'not found or not executable' or tostring(id)
        return
      end
      client_id = id
    end
    vim.lsp.buf_attach_client(args.buf, client_id)
  end,
})

------------------------------------------------------------------------------
-- The test driver.
------------------------------------------------------------------------------

local timeout_ms = (tonumber(os.getenv('COROLINT_NVIM_TIMEOUT')) or 60) * 1000
local deadline = vim.loop.hrtime() / 1e6 + timeout_ms

local function say(fmt, ...)
  io.stdout:write(string.format(fmt, ...) .. '\n')
  io.stdout:flush()
end

-- A failed step: a clear line, the LSP log's tail (the server's stderr is in
-- it), the server stopped, exit status 1.
local function fail(fmt, ...)
  local message = string.format(fmt, ...)
  say('error: %s', message)
  io.stderr:write('neovim_lsp.lua: error: ' .. message .. '\n')
  local log = io.open(vim.lsp.get_log_path(), 'r')
  if log then
    local lines = vim.split(log:read('*a'), '\n')
    log:close()
    io.stderr:write('----- ' .. vim.lsp.get_log_path() .. ' (tail) -----\n')
    io.stderr:write(table.concat(lines, '\n', math.max(1, #lines - 60)) .. '\n')
  end
  if client_id then pcall(vim.lsp.stop_client, client_id, true) end
  vim.cmd('cquit 1')
end

local function remaining_ms()
  return math.max(1, math.floor(deadline - vim.loop.hrtime() / 1e6))
end

-- Runs the event loop (server messages, Neovim's handlers) until predicate()
-- holds, or fails at the deadline.
local function wait_for(what, predicate)
  if not vim.wait(remaining_ms(), predicate, 20) then
    fail('timed out waiting for %s', what)
  end
end

local function coro_diagnostics(bufnr)
  return vim.tbl_filter(function(d)
    return type(d.code) == 'string' and d.code:match('^coro%-') ~= nil
  end, vim.diagnostic.get(bufnr))
end

local function run()
  local bufnr = vim.api.nvim_get_current_buf()
  local name = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':t')
  if start_error then fail('cannot start %s: %s', clangd, start_error) end
  if not client_id then
    fail("no client started for %s (filetype '%s')", name, vim.bo[bufnr].filetype)
  end
  wait_for('the server to initialize', function()
    local c = vim.lsp.get_client_by_id(client_id)
    return (c and c.initialized) or exit_code ~= nil
  end)
  local client = vim.lsp.get_client_by_id(client_id)
  if not client then fail('the server exited during initialization (code %s)', tostring(exit_code)) end
  if not vim.lsp.buf_is_attached(bufnr, client_id) then fail('the client is not attached to %s', name) end
  say('attached: %s (%s) to %s [%s], offset encoding %s', client.name, server_version, name,
      vim.bo[bufnr].filetype, client.offset_encoding)

  -- 1. The diagnostic: clangd publishes, Neovim's handler stores it in
  --    vim.diagnostic.
  wait_for('a coro diagnostic in ' .. name, function()
    return #coro_diagnostics(bufnr) > 0 or exit_code ~= nil
  end)
  if exit_code ~= nil then fail('the server exited (code %s)', tostring(exit_code)) end
  local all = vim.diagnostic.get(bufnr)
  for _, d in ipairs(all) do
    if d.severity == vim.diagnostic.severity.ERROR then  -- e.g. <coroutine> not found
      fail('%s does not compile in the server: %d:%d %s', name, d.lnum + 1, d.col + 1, d.message)
    end
  end
  local codes = vim.tbl_map(function(d) return tostring(d.code) end, all)
  table.sort(codes)
  say('diagnostics: %s', table.concat(codes, ', '))
  local diag = coro_diagnostics(bufnr)[1]
  say('%s at %d:%d (%s): %s', diag.code, diag.lnum + 1, diag.col + 1, tostring(diag.source),
      vim.split(diag.message, '\n')[1])

  -- 2. The quick fix: the request vim.lsp.buf.code_action() sends, with the
  --    diagnostic as LSP has it (clangd finds its fix by range and message).
  local lsp_diag = {
    range = {
      start = { line = diag.lnum, character = diag.col },
      ['end'] = { line = diag.end_lnum, character = diag.end_col },
    },
    severity = diag.severity,  -- vim.diagnostic.severity and LSP's agree
    code = diag.code,
    source = diag.source,
    message = diag.message,
  }
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(bufnr),
    range = lsp_diag.range,
    context = { diagnostics = { lsp_diag } },
  }
  local responses, err = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, remaining_ms())
  if not responses then fail('textDocument/codeAction: %s', tostring(err)) end
  local response = responses[client_id]
  if not response then fail('textDocument/codeAction: no answer from the server') end
  if response.error then fail('textDocument/codeAction: %s', vim.inspect(response.error)) end
  local fix
  for _, action in ipairs(response.result or {}) do
    say('code action: %s [%s]', action.title, tostring(action.kind))
    if not fix and action.kind == 'quickfix' and action.title:match('co_await') then fix = action end
  end
  if not fix then fail('no quick fix for %s among %d code actions', diag.code, #(response.result or {})) end

  -- 3. Applying it: the edit as vim.lsp.buf.code_action() applies it (or the
  --    command, after which the server sends workspace/applyEdit).
  local line_before = vim.api.nvim_buf_get_lines(bufnr, diag.lnum, diag.lnum + 1, true)[1]
  local tick = vim.api.nvim_buf_get_changedtick(bufnr)
  if fix.edit then
    vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding)
  elseif fix.command then
    local command = type(fix.command) == 'table' and fix.command or fix
    client.request('workspace/executeCommand', command, function() end, bufnr)
  else
    fail("the quick fix '%s' has neither an edit nor a command", fix.title)
  end
  wait_for('the quick fix to change the buffer', function()
    return vim.api.nvim_buf_get_changedtick(bufnr) ~= tick
  end)
  local line_after = vim.api.nvim_buf_get_lines(bufnr, diag.lnum, diag.lnum + 1, true)[1]
  if line_after == line_before then fail('line %d did not change: %s', diag.lnum + 1, line_after) end
  say("line %d after the fix: '%s'", diag.lnum + 1, line_after)

  -- Neovim sent the change (didChange); the server re-analyses the buffer
  -- (not the file on disk, which is unchanged) and the diagnostic goes.
  wait_for('the server to withdraw ' .. diag.code .. ' after the fix', function()
    return #coro_diagnostics(bufnr) == 0 or exit_code ~= nil
  end)
  if exit_code ~= nil then fail('the server exited (code %s)', tostring(exit_code)) end
  say('after the fix: no coro diagnostic')

  -- 4. A clean stop: shutdown, exit, and the server's exit code.
  vim.lsp.stop_client(client_id)
  wait_for('the server to exit', function() return exit_code ~= nil end)
  if exit_code ~= 0 or (exit_signal or 0) ~= 0 then
    fail('the server exited with code %s, signal %s', tostring(exit_code), tostring(exit_signal))
  end
  say('shutdown: exit code 0')
end

vim.api.nvim_create_autocmd('VimEnter', {
  callback = function()
    local ok, err = xpcall(run, debug.traceback)
    if not ok then fail('%s', tostring(err)) end
    vim.cmd('qall!')
  end,
})
