package frameworks

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"
	"github.com/zeromicro/go-zero/rest/httpx"
)

func ginReport(c *gin.Context) {
	var req map[string]any
	if err := c.ShouldBindJSON(&req); err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": err.Error()})
		return
	}
	id := req["patient_id"].(string) // want `req decoded into map\[string\]any: unchecked reads of patient_id as string and answers as map\[string\]any panic if missing or differently typed`
	for _, a := range req["answers"].(map[string]any) {
		if n, ok := a.(float64); ok {
			fmt.Println(id, n)
		}
	}
}

func ginBindH(c *gin.Context) {
	body := gin.H{}
	_ = c.BindJSON(&body)
	fmt.Println(body["name"].(string)) // want `body decoded into gin\.H: unchecked read of name as string panics if missing or differently typed`
}

// ginShouldBind reads count checked. Not reported.
func ginShouldBind(c *gin.Context) {
	var body map[string]interface{}
	_ = c.ShouldBind(&body)
	if n, ok := body["count"].(float64); ok {
		fmt.Println(n)
	}
}

// echoBind reads both keys checked. Not reported.
func echoBind(c echo.Context) error {
	payload := make(map[string]any)
	if err := c.Bind(&payload); err != nil {
		return err
	}
	email, _ := payload["email"].(string)
	admin, _ := payload["admin"].(bool)
	return c.JSON(http.StatusOK, map[string]any{"email": email, "admin": admin})
}

func gozeroParse(w http.ResponseWriter, r *http.Request) {
	var req map[string]any
	if err := httpx.Parse(r, &req); err != nil {
		return
	}
	fmt.Fprint(w, req["page"].(float64)) // want `req decoded into map\[string\]any: unchecked read of page as float64 panics if missing or differently typed`
}

func gozeroJSONBody(w http.ResponseWriter, r *http.Request) {
	var req map[string]any
	_ = httpx.ParseJsonBody(r, &req)
	fmt.Fprint(w, req["token"].(string)) // want `req decoded into map\[string\]any: unchecked read of token as string panics if missing or differently typed`
}

// ginPassThrough binds a body only to forward it: the map is the payload.
func ginPassThrough(c *gin.Context) {
	var body map[string]any
	if err := c.ShouldBindJSON(&body); err != nil {
		return
	}
	c.JSON(http.StatusOK, gin.H{"received": body})
}

// echoStore binds and stores the document as is, checking only presence.
func echoStore(c echo.Context, store map[string]map[string]any) error {
	var doc map[string]any
	if err := c.Bind(&doc); err != nil {
		return err
	}
	if doc["id"] == nil {
		return c.JSON(http.StatusBadRequest, nil)
	}
	store[fmt.Sprint(doc["id"])] = doc
	return nil
}

// gozeroForm parses a form, not JSON, into a map: ParseForm is no JSON
// decode, and go-zero's form values are strings anyway.
func gozeroForm(r *http.Request) string {
	var form map[string]any
	_ = httpx.ParseForm(r, &form)
	s, _ := form["q"].(string)
	return s
}

// ginStruct binds into a struct, keeping a map only for free-form extras
// that it reads through a computed key.
func ginStruct(c *gin.Context, key string) {
	var req struct {
		Name   string         `json:"name"`
		Extras map[string]any `json:"extras"`
	}
	_ = c.ShouldBindJSON(&req)
	v, _ := req.Extras[key].(string)
	fmt.Println(req.Name, v)
}

// ginHResponse builds a gin.H for a response and reads it back: nothing is
// decoded into it.
func ginHResponse(c *gin.Context) {
	h := gin.H{"ok": true}
	if ok, _ := h["ok"].(bool); ok {
		c.JSON(http.StatusOK, h)
	}
}

// echoBindRaw binds into a map of raw messages: each value is decoded into
// its own type later.
func echoBindRaw(c echo.Context) error {
	var raw map[string]json.RawMessage
	return c.Bind(&raw)
}

type patientReport struct {
	PatientID string                 `json:"patient_id"`
	Answers   map[string]interface{} `json:"answers"` // want Answers:"decoded from JSON"
}

// ginAnswersField switches each answer to the types JSON produces,
// checked. Not reported.
func ginAnswersField(c *gin.Context) {
	var req patientReport
	if err := c.ShouldBindJSON(&req); err != nil {
		return
	}
	for key, value := range req.Answers {
		switch v := value.(type) {
		case float64:
			fmt.Println(req.PatientID, key, v)
		case bool:
			fmt.Println(req.PatientID, key, v)
		case string:
			fmt.Println(req.PatientID, key, v)
		}
	}
}

// ginAnswersForwarded binds a typed request and forwards its free-form
// answers without reading them.
func ginAnswersForwarded(c *gin.Context, out chan<- map[string]interface{}) {
	var req patientReport
	if err := c.ShouldBindJSON(&req); err != nil {
		return
	}
	if len(req.Answers) > 0 {
		out <- req.Answers
	}
}

// handleLogin reads both keys checked: a missing one is "". Not reported.
var handleLogin = func(c *gin.Context) {
	var creds map[string]any
	_ = c.ShouldBindJSON(&creds)
	user, _ := creds["user"].(string)
	pass, _ := creds["password"].(string)
	fmt.Println(user, len(pass))
}

// handleEcho is a package-level handler that forwards the body it binds.
var handleEcho = func(c echo.Context) error {
	var body map[string]any
	if err := c.Bind(&body); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, body)
}

func ginShouldBindUnchecked(c *gin.Context) {
	var body map[string]interface{}
	_ = c.ShouldBind(&body)
	fmt.Println(body["count"].(float64)) // want `body decoded into map\[string\]interface\{\}: unchecked read of count as float64 panics if missing or differently typed`
}

func echoBindUnchecked(c echo.Context) error {
	payload := make(map[string]any)
	if err := c.Bind(&payload); err != nil {
		return err
	}
	email := payload["email"].(string) // want `payload decoded into map\[string\]any: unchecked read of email as string panics if missing or differently typed`
	admin, _ := payload["admin"].(bool)
	return c.JSON(http.StatusOK, map[string]any{"email": email, "admin": admin})
}

var handleLoginUnchecked = func(c *gin.Context) {
	var creds map[string]any
	_ = c.ShouldBindJSON(&creds)
	user := creds["user"].(string) // want `creds decoded into map\[string\]any: unchecked read of user as string panics if missing or differently typed`
	pass, _ := creds["password"].(string)
	fmt.Println(user, len(pass))
}
