-- Neovim 0.7 end-to-end test of trapvet lsp (run by editors_test.go):
-- open $FILE, wait for trapvet's diagnostics, apply the first code action
-- of the first one (its suggested fix), write the file, and record the
-- diagnostics in $OUT. The configuration is the one docs/editors.md gives
-- for Neovim 0.7: vim.lsp.start_client and buf_attach_client.
local out = assert(io.open(os.getenv('OUT'), 'w'))
local function finish(code, msg)
  out:write(msg .. '\n')
  out:close()
  vim.cmd(code == 0 and 'qall!' or 'cquit! ' .. code)
end

-- Filetype detection, as a user's setup has it (--clean starts without).
vim.cmd('filetype on')

-- The configuration of docs/editors.md, with the binary under test.
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'go',
  callback = function(args)
    local id = vim.lsp.start_client({
      name = 'trapvet',
      cmd = { os.getenv('TRAPVET'), 'lsp' },
      root_dir = vim.fn.fnamemodify(args.file, ':p:h'),
    })
    if id then vim.lsp.buf_attach_client(args.buf, id) end
  end,
})

vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('FILE')))
local buf = vim.api.nvim_get_current_buf()
-- The client attaches once the server has answered initialize.
local client_id
vim.wait(60000, function()
  for id in pairs(vim.lsp.buf_get_clients(buf)) do client_id = id end
  return client_id ~= nil
end, 100)
if not client_id then
  return finish(1, 'trapvet did not attach to the Go buffer')
end

if not vim.wait(120000, function() return #vim.diagnostic.get(buf) > 0 end, 100) then
  return finish(1, 'no diagnostics')
end
local d = vim.diagnostic.get(buf)[1]
out:write(string.format('diagnostic %d:%d %s: %s\n', d.lnum + 1, d.col + 1, d.source or '', d.message))

local client = vim.lsp.get_client_by_id(client_id)
local resp = client.request_sync('textDocument/codeAction', {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
  context = { diagnostics = {} },
}, 30000, buf)
if not resp or resp.err or not resp.result or #resp.result == 0 then
  return finish(1, 'no code action: ' .. vim.inspect(resp))
end
local action = resp.result[1]
out:write('action ' .. action.title .. '\n')
vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
vim.cmd('write')
client.stop()
finish(0, 'done')
