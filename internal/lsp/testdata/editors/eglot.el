;;; eglot.el --- Emacs end-to-end test of trapvet lsp  -*- lexical-binding: t -*-
;;
;; Run by editors_test.go: emacs --batch -Q -l eglot.el.  Opens $FILE,
;; waits for trapvet's diagnostics, applies the first code action of the
;; first one (its suggested fix), saves the file, and records the
;; diagnostic in $OUT.  The configuration is the one docs/editors.md gives
;; for Emacs: eglot (built in from Emacs 29; Debian's elpa-eglot on 28)
;; with trapvet as the server for go-mode.

;; -Q skips the site files that activate Debian's packages (elpa-eglot).
(require 'package)
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
(package-initialize)
(require 'eglot)

(defun trapvet-record (line)
  (write-region (concat line "\n") nil (getenv "OUT") 'append 'silent))

(defun trapvet-finish (code msg)
  (trapvet-record msg)
  (kill-emacs code))

;; Emacs 28 has no Go mode of its own (go-mode is a package): a stand-in
;; whose name, go-mode, gives the language id "go".
(unless (fboundp 'go-mode)
  (define-derived-mode go-mode prog-mode "Go"))
(add-to-list 'auto-mode-alist '("\\.go\\'" . go-mode))

;; The configuration of docs/editors.md, with the binary under test.
(add-to-list 'eglot-server-programs `(go-mode . (,(getenv "TRAPVET") "lsp")))
(setq eglot-sync-connect 60)

(defun trapvet-wait (seconds pred)
  "Process the server's messages until PRED holds or SECONDS pass."
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.1))
    (funcall pred)))

(condition-case err
    (progn
      (find-file (getenv "FILE"))
      (apply #'eglot (eglot--guess-contact))
      (unless (eglot-current-server)
        (trapvet-finish 1 "trapvet did not attach to the Go buffer"))
      (flymake-start)
      (unless (trapvet-wait 120 (lambda () (or (flymake-diagnostics) eglot--diagnostics)))
        (trapvet-finish 1 "no diagnostics"))
      (let* ((d (car (or (flymake-diagnostics) eglot--diagnostics)))
             (beg (flymake-diagnostic-beg d))
             (actions (eglot-code-actions beg (flymake-diagnostic-end d))))
        (save-excursion
          (goto-char beg)
          (trapvet-record (format "diagnostic %d:%d %s"
                                  (line-number-at-pos) (1+ (current-column))
                                  (flymake-diagnostic-text d))))
        (unless actions
          (trapvet-finish 1 "no code action"))
        (let ((action (car actions)))
          (trapvet-record (concat "action " (plist-get action :title)))
          (eglot--apply-workspace-edit (plist-get action :edit))))
      (save-buffer)
      (eglot-shutdown (eglot-current-server))
      (trapvet-finish 0 "done"))
  (error (trapvet-finish 1 (format "error: %S" err))))
