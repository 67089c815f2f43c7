package v // want `version="" lang1.22=true std1.21=true`
